import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checklistText, refusalText } from '../../electron/cli/commands/sync-format';
import { guardRails } from '../../electron/services/sync';
import { appRefusalHint, appRemedy } from '../../renderer/screens/sync/remedies';
import { RULES_BY_ID } from '../../shared/rules/catalog';
import { ImportMode } from '../../shared/sync/import-mode';

/**
 * Services throw codes and facts; what to type is worded at the edges (electron/cli/hints.ts for the CLI,
 * electron/main/ipc/hints.ts and the renderer for the app). So no string in electron/services may name a
 * `preflight <command>` or a `--flag`: the app would show CLI words. Comments are not scanned.
 */
const ROOT = join(__dirname, '../..');
const SERVICES = join(ROOT, 'electron/services');

/** Files whose strings are command lines of their own, not hints to a person. */
const ALLOWED: Record<string, string> = {
  'electron/services/demo-provider/main.ts': "the demo provider's own usage text",
  'electron/services/report/pdf.ts': "Chromium's command-line switches",
  'electron/services/worker/harness.ts': "the worker thread's own argv marker",
  'electron/services/report/html/styles.ts': 'CSS custom properties (--text: …)',
};

const CLI_WORD = /(?:^|[^\w-])(preflight [a-z][\w-]*|--[a-z][\w-]*)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every string literal and template-literal text in a file, with its line. */
function strings(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Import paths and the like are strings too, but never shown to anyone. */
const isModuleSpecifier = (text: string) => /^\.{1,2}\//.test(text) || /^node:/.test(text);

function cliWordsIn(file: string): string[] {
  return strings(file)
    .filter((s) => !isModuleSpecifier(s.text))
    .flatMap((s) => {
      const m = CLI_WORD.exec(s.text);
      return m ? [`${relative(ROOT, file)}:${s.line}: ${m[1]}`] : [];
    });
}

describe('no CLI words in services', () => {
  it('the scanner finds a command and a flag in a string but not in a comment', () => {
    const probe = strings(__filename).length; // sanity: this file parses
    expect(probe).toBeGreaterThan(0);
    expect(CLI_WORD.exec('Run `preflight evaluate` first.')?.[1]).toBe('preflight evaluate');
    expect(CLI_WORD.exec('send anyway with --allow-pending-remaps.')?.[1]).toBe('--allow-pending-remaps');
    expect(CLI_WORD.exec('Roster Preflight — a well-formed file')).toBeNull();
  });

  it('no string in electron/services names a preflight command or a --flag', () => {
    const files = tsFiles(SERVICES).filter((f) => !(relative(ROOT, f) in ALLOWED));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(cliWordsIn)).toEqual([]);
  });

  it('every allow-listed file still exists and still needs its exception', () => {
    for (const file of Object.keys(ALLOWED))
      expect(cliWordsIn(join(ROOT, file)).length, file).toBeGreaterThan(0);
  });
});

describe('the guard-rail checklist is worded at each edge', () => {
  const blockerRule = [...RULES_BY_ID.values()].find((r) => r.severity === 'blocker')!;
  const outcome = guardRails({
    summary: { failedModules: [] },
    rawFindings: [
      {
        ruleId: blockerRule.id,
        severity: 'blocker',
        entityType: 'user',
        sourcedId: 'u1',
        message: 'm',
        remedy: 'r',
        detail: {},
      },
    ],
    rules: { acknowledgements: [], muted: [], severityOverrides: {} },
    proposals: null,
    snapshotAt: new Date().toISOString(),
    baselineAt: null,
    verify: null,
    importMode: ImportMode.parse({}),
    exceeds: [],
    canvasTermIds: null,
    canvasRefusal: null,
    allowPendingRemaps: false,
  });
  const byId = new Map(outcome.checks.map((c) => [c.id, c]));

  it('the service gives codes and neutral hints', () => {
    expect(byId.get('blockers')).toMatchObject({ status: 'fail', remedy: 'blockers_open' });
    expect(byId.get('remaps_pending')).toMatchObject({ status: 'warn', remedy: 'guard_no_baseline' });
    expect(byId.get('verify')).toMatchObject({ status: 'warn', remedy: 'guard_never_verified' });
    for (const c of outcome.checks) expect(c.hint).not.toMatch(CLI_WORD);
  });

  it('the CLI names its commands, the app its screens', () => {
    const cli = checklistText(outcome.checks);
    expect(cli).toContain(
      'hint: Fix them in the SIS and pull again, or acknowledge each one with a reason (`preflight findings acknowledge`).',
    );
    expect(cli).toContain(
      'hint: Fetch or import a Canvas baseline (`preflight baseline fetch|import`) before the first sync.',
    );
    expect(cli).toContain('hint: Run `preflight verify`.');
    expect(refusalText(outcome.refusals)).toContain('`preflight findings acknowledge`');

    expect(appRemedy(byId.get('blockers')!)).toBe(
      'Fix them in the SIS and pull again, or acknowledge each one with a reason in Findings.',
    );
    expect(appRemedy(byId.get('verify')!)).toBe('Run Verify.');
    for (const c of outcome.checks) expect(appRemedy(c)).not.toMatch(CLI_WORD);
    for (const r of outcome.refusals) expect(appRefusalHint(r)).not.toMatch(CLI_WORD);
  });
});
