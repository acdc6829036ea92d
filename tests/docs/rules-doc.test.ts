import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { RULES } from '../../shared/rules/catalog';
import { RULES_DOC, renderRulesDoc, rulesDoc } from '../../scripts/docs/rules-doc';

describe('docs/rules.md', () => {
  it('is the catalogue as generated from shared/rules/catalog.ts (run `npm run docs:rules` after changing rules)', async () => {
    expect(readFileSync(RULES_DOC, 'utf8')).toBe(await rulesDoc());
  });

  it('lists every rule of the catalogue once, with its severity', () => {
    const doc = renderRulesDoc();
    for (const rule of RULES) {
      const rows = doc.split('\n').filter((l) => l.startsWith(`| ${rule.id} |`));
      expect(rows, rule.id).toHaveLength(1);
      expect(rows[0]).toContain(`| ${rule.severity} |`);
    }
  });

  it('keeps a table cell on one line even when a remedy has a pipe or a line break', () => {
    const doc = renderRulesDoc([
      { id: 'X-1', family: 'oneroster', severity: 'info', title: 'a | b', remedy: 'one\ntwo' },
    ]);
    expect(doc).toContain('| X-1 | info | a \\| b | one two |');
  });
});
