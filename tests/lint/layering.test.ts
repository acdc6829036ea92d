import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

/**
 * The layering rules are executable: each eslint boundary and each tsconfig rejects a deliberate violation
 * (and accepts the allowed import next to it), so the rules cannot silently stop applying.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('eslint import boundaries', () => {
  const cases: { file: string; bad: string[]; good: string[] }[] = [
    {
      file: 'renderer/screens/x/Probe.tsx',
      bad: ["'../../../electron/services/container'", "'node:fs'", "'fs'", "'electron'"],
      good: ["'../../../shared/rules/finding'", "'react'"],
    },
    {
      file: 'shared/x/probe.ts',
      bad: ["'../../electron/services/container'", "'../../renderer/format'", "'node:path'", "'electron'"],
      good: ["'../rules/finding'", "'zod'"],
    },
    {
      file: 'electron/services/x/probe.ts',
      bad: [
        "'../../main/ipc/handlers'",
        "'../../cli/context'",
        "'../../../shared/ipc/contract'",
        "'../../../shared/ipc/channels/findings'",
        "'electron'",
      ],
      good: ["'../../../shared/errors'", "'../container'", "'node:fs'"],
    },
    {
      file: 'electron/cli/commands/probe.ts',
      bad: ["'../../main/ipc/handlers'", "'electron'"],
      good: ["'../../services/container'", "'node:fs'"],
    },
  ];

  for (const { file, bad, good } of cases) {
    it(`${file.split('/').slice(0, 2).join('/')}: refuses ${bad.join(', ')}`, async () => {
      for (const spec of bad) {
        expect(
          await restricted(file, `import { x } from ${spec};\nexport const y = x;\n`),
          spec,
        ).toHaveLength(1);
      }
      for (const spec of good) {
        expect(await restricted(file, `import { x } from ${spec};\nexport const y = x;\n`), spec).toEqual([]);
      }
    });
  }
});

/**
 * Parsed library and @types files, shared by the probe programs below: parsing lib.dom.d.ts and @types/node
 * again for every probe took most of this file's time. Keyed by the parse options too; the probe is never cached.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Type errors of one probe file compiled under a project's compiler options. */
function typeErrors(project: string, fileName: string, code: string): string[] {
  const configPath = join(ROOT, project);
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const path = join(ROOT, fileName);
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  host.readFile = (f) => (f === path ? code : read(f));
  const exists = host.fileExists.bind(host);
  host.fileExists = (f) => f === path || exists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, options, onError, shouldCreate) => {
    if (f === path) return getSourceFile(f, options, onError, shouldCreate);
    const key = `${f}\0${JSON.stringify(options)}`;
    if (!parsed.has(key)) parsed.set(key, getSourceFile(f, options, onError, shouldCreate));
    return parsed.get(key);
  };
  // The project's own declaration files (shared/'s common globals) come along, as in `tsc -p`.
  const declarations = config.fileNames.filter((f) => f.endsWith('.d.ts'));
  const program = ts.createProgram([path, ...declarations], config.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(path))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

describe('tsconfig type sets', () => {
  it('Node code has no DOM', () => {
    expect(
      typeErrors('tsconfig.node.json', 'electron/services/probe.ts', 'export const t = document.title;\n'),
    ).toEqual([expect.stringContaining("Cannot find name 'document'")]);
    expect(
      typeErrors('tsconfig.node.json', 'electron/services/probe.ts', 'export const c = process.cwd();\n'),
    ).toEqual([]);
  });

  it('the renderer has no Node', () => {
    expect(typeErrors('tsconfig.web.json', 'renderer/probe.ts', 'export const c = process.cwd();\n')).toEqual(
      [expect.stringContaining("Cannot find name 'process'")],
    );
    expect(
      typeErrors('tsconfig.web.json', 'renderer/probe.ts', 'export const t = document.title;\n'),
    ).toEqual([]);
  });

  it('shared/ has neither, but the URL both sides have', () => {
    const code =
      'export const t = document.title;\nexport const c = process.cwd();\nexport const u = new URL("https://x").host;\n';
    const errors = typeErrors('tsconfig.shared.json', 'shared/probe.ts', code);
    expect(errors).toEqual([
      expect.stringContaining("Cannot find name 'document'"),
      expect.stringContaining("Cannot find name 'process'"),
    ]);
  });
});
