/**
 * Generates docs/rules.md from the rule catalogue (shared/rules/catalog.ts), so the document cannot drift from
 * the code: `npm run docs:rules` rewrites it, and tests/docs/rules-doc.test.ts fails while it is stale.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { RULES, type RuleInfo } from '../../shared/rules/catalog';

export const RULES_DOC = resolve(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)));

const FAMILIES: { family: RuleInfo['family']; heading: string; about: string }[] = [
  {
    family: 'connectivity',
    heading: 'Connectivity (`CONN-*`, from verify)',
    about:
      'Raised by `verify` (the Verify screen, `preflight verify`) while it talks to the provider; ' +
      '`sourcedId` is the endpoint path, or the profile for authentication, clock and base path.',
  },
  {
    family: 'oneroster',
    heading: 'OneRoster data (from evaluate)',
    about:
      'Raised by `evaluate` on a stored snapshot and the Canvas plan built from it; ' +
      'each finding names the OneRoster record that has to change to fix it.',
  },
  {
    family: 'conversion',
    heading: 'Conversion (`CNV-*`, from evaluate with a Canvas baseline)',
    about:
      'Raised when the plan is matched against what Canvas holds today (a Canvas baseline); ' +
      'see [canvas-importer.md](canvas-importer.md) for the importer behaviours behind them.',
  },
];

/** Table cells are single lines; a pipe would end the cell. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

export function renderRulesDoc(rules: readonly RuleInfo[] = RULES): string {
  const lines = [
    '# Rule catalogue',
    '',
    '<!-- Generated from shared/rules/catalog.ts by `npm run docs:rules`; do not edit by hand. -->',
    '',
    'Every check has a stable id, used in the findings grid, the report, `--json` output and tests. Ids never',
    'change; titles and remedies may be reworded. Severities:',
    '',
    '- **blocker**: the sync would fail, or would damage data (duplicates, lost enrollments or grades);',
    '- **warning**: the sync runs, but the result is likely wrong or surprising;',
    '- **info**: worth knowing, nothing to do.',
    '',
    '## Finding',
    '',
    'Every finding has the same shape everywhere (`shared/rules/finding.ts`):',
    '`{ ruleId, severity, entityType, sourcedId, message, remedy, detail?, related? }`. There is one finding per',
    '(ruleId, entityType, sourcedId), about the record that has to change to fix it (a missing reference is',
    'reported on the record that holds it; a group rule such as a duplicated username names every member, each',
    'pointing at the others in `related`). Findings are sorted by severity, rule id, entity type and sourcedId.',
    '',
    '## Readiness',
    '',
    "A district can change a rule's severity, mute it, or acknowledge one blocker with a reason (Settings; all",
    'recorded in the report, and downgrading or muting a blocker rule needs a reason). The verdict is **not',
    'ready** while any blocker is not acknowledged (or a rule module failed, so checks are missing), **ready with',
    'warnings** with warnings or acknowledged blockers, and **ready** otherwise (`shared/evaluate/summary.ts`).',
    '',
    '## Catalogue',
    '',
    `${rules.length} rules: ${FAMILIES.map((f) => `${rules.filter((r) => r.family === f.family).length} ${f.family}`).join(', ')}.`,
  ];
  for (const { family, heading, about } of FAMILIES) {
    const members = rules.filter((r) => r.family === family);
    lines.push(
      '',
      `### ${heading}`,
      '',
      about,
      '',
      '| id | severity | title | remedy |',
      '| --- | --- | --- | --- |',
    );
    for (const r of members) lines.push(`| ${r.id} | ${r.severity} | ${cell(r.title)} | ${cell(r.remedy)} |`);
  }
  const known = new Set(FAMILIES.map((f) => f.family));
  const other = rules.filter((r) => !known.has(r.family));
  if (other.length > 0) {
    lines.push(
      '',
      '### Other',
      '',
      '| id | family | severity | title | remedy |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of other)
      lines.push(`| ${r.id} | ${r.family} | ${r.severity} | ${cell(r.title)} | ${cell(r.remedy)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The document as committed: rendered, then formatted the way `npm run lint` checks markdown. */
export async function rulesDoc(rules: readonly RuleInfo[] = RULES): Promise<string> {
  const config = (await resolveConfig(RULES_DOC)) ?? {};
  return format(renderRulesDoc(rules), { ...config, parser: 'markdown' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(RULES_DOC, await rulesDoc());
  console.log(`wrote ${RULES_DOC} (${RULES.length} rules)`);
}
