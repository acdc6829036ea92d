import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * One error type (docs/architecture.md, "Errors"): ServiceError in shared/errors.ts is the only error class of the
 * product code, recognised with `instanceof` and its code, never by `name`. This scans every source file outside
 * the tests and fails on another `class … extends …Error` or on a `.name === '…Error'` test.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE_DIRS = ['electron', 'shared', 'renderer', 'bin', 'scripts', 'bench'];
const THE_ERROR_FILE = 'shared/errors.ts';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** `file:line what` for each error class and each recognition by name in `text`. */
export function errorTypeViolations(file: string, text: string): string[] {
  if (!/extends|\.name\b/.test(text)) return []; // nothing to parse for (most files)
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) {
      for (const clause of node.heritageClauses) {
        if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        for (const type of clause.types) {
          const base = type.expression.getText(source);
          if (/(^|\.)\w*Error$/.test(base))
            found.push(`${at(node)} class ${node.name?.text ?? '(anonymous)'} extends ${base}`);
        }
      }
    }
    if (
      ts.isBinaryExpression(node) &&
      [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(
        node.operatorToken.kind,
      )
    ) {
      const sides = [node.left, node.right];
      const byName = sides.some((s) => ts.isPropertyAccessExpression(s) && s.name.text === 'name');
      const errorName = sides.some((s) => ts.isStringLiteral(s) && /Error$/.test(s.text));
      if (byName && errorName) found.push(`${at(node)} recognises an error by name: ${node.getText(source)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('one error type', () => {
  it('no error class outside shared/errors.ts, and no error recognised by name', () => {
    const violations: string[] = [];
    for (const dir of SOURCE_DIRS) {
      let files: string[];
      try {
        files = sourceFiles(join(ROOT, dir));
      } catch {
        continue; // folder absent
      }
      for (const path of files) {
        const file = relative(ROOT, path).split('\\').join('/');
        if (file === THE_ERROR_FILE) continue;
        violations.push(...errorTypeViolations(file, readFileSync(path, 'utf8')));
      }
    }
    expect(violations).toEqual([]);
  });

  it('the check rejects a deliberate violation of each kind and accepts ServiceError use', () => {
    const bad = [
      'export class ThingError extends Error {}',
      'class X extends ServiceError {}',
      'const C = class extends errors.BaseError {};',
      "if (e.name === 'AbortError') throw e;",
      "if ('ProxyError' !== err.name) return;",
    ];
    for (const code of bad)
      expect(errorTypeViolations('electron/services/x/probe.ts', code), code).toHaveLength(1);
    const good = [
      "throw new ServiceError('x', 'X.', { detail: { status: 404 } });",
      "if (e instanceof ServiceError && e.code === 'cancelled') return;",
      'class Store extends Base {}',
      "if (profile.name === 'Springfield') return;",
    ];
    for (const code of good)
      expect(errorTypeViolations('electron/services/x/probe.ts', code), code).toEqual([]);
  });
});
