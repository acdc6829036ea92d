import { createRequire } from 'node:module';
import { SYNC_VERDICT_LABEL } from '../../../shared/text/vocabulary';
import { Option, InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { ReportFormat, type PageSize } from '../../../shared/report/model';
import { ServiceError } from '../../../shared/errors';
import { createPlaywrightPdfPrinter, type PdfPrinter } from '../../services/report';
import { assembleReportFor, writeAssembledReport } from '../../services/report/assemble';
import type { CliContext } from '../context';
import { EXIT_OK } from '../errors';
import { withDataDir } from '../program';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

interface ReportOptions {
  dataDir?: string;
  format: ReportFormat[];
  out: string;
  snapshot: string;
  profile?: string;
  mapping?: string;
  canvasBaseline?: string;
  pageSize: 'a4' | 'letter';
}

/** Tests may print PDFs their own way. */
export interface ReportCommandHooks {
  pdfPrinter?: (ctx: CliContext) => PdfPrinter;
}

/** `--format pdf,html` → validated list. */
export function parseFormats(value: string): ReportFormat[] {
  const parts = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = parts.filter((p) => !ReportFormat.safeParse(p).success);
  if (parts.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(
      `${bad.length > 0 ? `Unknown format ${bad.map((b) => JSON.stringify(b)).join(', ')}. ` : ''}` +
        `Use a comma-separated list of: ${ReportFormat.options.join(', ')}.`,
    );
  }
  return [...new Set(parts)] as ReportFormat[];
}

/**
 * `preflight report`: evaluates a snapshot (the profile's latest complete one by default) and writes the
 * readiness report in the chosen formats. Exit 0 when the files are written, whatever the verdict (the verdict
 * is printed; `preflight evaluate --fail-on` is the gate), 2 on a usage or setup error.
 */
export function register(program: Command, ctx: CliContext, hooks: ReportCommandHooks = {}): void {
  withDataDir(
    program.command('report').description('write the readiness report (PDF, HTML, XLSX, CSV, JSON)'),
  )
    .requiredOption('--format <list>', `comma-separated: ${ReportFormat.options.join(',')}`, parseFormats)
    .requiredOption('--out <dir>', 'folder to write the files into (created if missing)')
    .option('--snapshot <id>', 'snapshot id, or "latest" (the profile\'s newest complete snapshot)', 'latest')
    .option('--profile <name>', 'district profile: its name, snapshots, mapping options and rule settings')
    .option('--mapping <file>', "JSON file of mapping options to use instead of the profile's")
    .option(
      '--canvas-baseline <id|file>',
      'Canvas baseline for the conversion part: an id, "latest", or a provisioning report zip to import',
    )
    .addOption(
      new Option('--page-size <size>', 'PDF/print page size').choices(['a4', 'letter']).default('a4'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  preflight report --profile "Springfield USD" --format pdf,xlsx --out ./reports\n' +
        '  preflight report --snapshot 01J… --format html,csv,json --out . --page-size letter\n' +
        '\nThe PDF is printed by Chromium ($PREFLIGHT_CHROMIUM, default /usr/bin/chromium).',
    )
    .action(async (opts: ReportOptions) => runReport(ctx, opts, hooks));
}

async function runReport(ctx: CliContext, opts: ReportOptions, hooks: ReportCommandHooks): Promise<void> {
  const services = ctx.services(opts.dataDir);
  const report = await assembleReportFor(
    services,
    {
      snapshot: opts.snapshot,
      ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
      ...(opts.mapping !== undefined ? { mappingFile: opts.mapping } : {}),
      ...(opts.canvasBaseline !== undefined ? { canvasBaseline: opts.canvasBaseline } : {}),
      onEvaluating: (id) => ctx.err(`Evaluating snapshot ${id}…`),
    },
    version,
  );
  const { model } = report;
  const pageSize: PageSize = opts.pageSize === 'letter' ? 'Letter' : 'A4';
  const printer = opts.format.includes('pdf')
    ? (hooks.pdfPrinter?.(ctx) ?? createPlaywrightPdfPrinter({ env: ctx.env }))
    : undefined;
  if (opts.format.includes('change-sis-id') && report.conversion === null) {
    throw new ServiceError(
      'no_baseline',
      'change_sis_id.csv needs a Canvas baseline.',
      'Add --canvas-baseline ID (see the Conversion screen or `preflight baseline list`), or leave change-sis-id out.',
    );
  }
  try {
    const files = await writeAssembledReport(report, {
      formats: opts.format,
      outDir: opts.out,
      pageSize,
      ...(printer ? { printer } : {}),
    });
    ctx.err(`${model.district.name}: ${SYNC_VERDICT_LABEL[model.verdict]}.`);
    for (const f of files) ctx.out(f.path);
  } finally {
    await printer?.close?.();
  }
  ctx.setExitCode(EXIT_OK);
}
