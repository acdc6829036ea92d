import { createRequire } from 'node:module';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { ReportFormat } from '../../../shared/report/model';
import { pluralise, SYNC_VERDICT_LABEL } from '../../../shared/text/vocabulary';
import { DEMO_DISTRICT } from '../../services/demo-provider';
import { runDemo, type DemoStep } from '../../services/demo/run-demo';
import { createPlaywrightPdfPrinter } from '../../services/report';
import type { CliContext } from '../context';
import { EXIT_OK } from '../errors';
import { withDataDir } from '../program';
import { parseFormats } from './report';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

const DEFAULT_FORMATS: ReportFormat[] = ['html', 'json', 'xlsx', 'csv', 'canvas-zip', 'change-sis-id'];
const SIZES = ['tiny', 'small', 'medium'] as const;

interface DemoOptions {
  dataDir?: string;
  out: string;
  format: ReportFormat[];
  size: (typeof SIZES)[number];
}

const STEP_LINE: Record<DemoStep, string> = {
  start: 'Starting the demo OneRoster provider and the demo Canvas on loopback…',
  verify: 'Verifying the connection…',
  pull: 'Pulling every OneRoster collection into a snapshot…',
  baseline: 'Reading what the demo Canvas holds (provisioning report)…',
  evaluate: 'Planning the Canvas import and evaluating every rule…',
  report: 'Writing the readiness report…',
  stop: 'Stopping the demo servers.',
};

/**
 * `preflight demo`: the product end to end in about a minute, with no district and no credentials (the
 * bundled provider and Canvas double, stopped at the end). Exit 0 when the report is written, whatever the
 * verdict: the demo district has problems on purpose.
 */
export function register(program: Command, ctx: CliContext): void {
  withDataDir(
    program
      .command('demo')
      .description(
        'run verify → pull → evaluate → conversion → report against the bundled demo district (no credentials)',
      ),
  )
    .option('--out <dir>', 'folder the report is written into (created if missing)', 'preflight-demo')
    .option(
      '--format <list>',
      `comma-separated report formats (default ${DEFAULT_FORMATS.join(',')}; pdf needs Chromium)`,
      parseFormats,
      DEFAULT_FORMATS,
    )
    .addOption(new Option('--size <preset>', 'size of the demo district').choices(SIZES).default('medium'))
    .addHelpText(
      'after',
      '\nThe snapshot and the Canvas baseline stay in the data folder (see `preflight snapshots list`).',
    )
    .action(async (opts: DemoOptions) => {
      const services = ctx.services(opts.dataDir);
      const printer = opts.format.includes('pdf') ? createPlaywrightPdfPrinter({ env: ctx.env }) : undefined;
      try {
        const run = await runDemo({
          services,
          outDir: opts.out,
          formats: opts.format,
          ...(printer ? { printer } : {}),
          appVersion: version,
          district: { ...DEMO_DISTRICT, preset: opts.size },
          signal: ctx.signal,
          onStep: (step) => ctx.err(STEP_LINE[step]),
        });
        const c = run.counts;
        ctx.out(
          `Verdict: ${SYNC_VERDICT_LABEL[run.verdict]} — ${pluralise(c.blocker, 'blocker')}, ${pluralise(c.warning, 'warning')}, ${c.info.toLocaleString('en-US')} info ` +
            `(snapshot ${run.snapshotId}, ${run.records.toLocaleString('en-US')} records; Canvas baseline ${run.baselineId}).`,
        );
        ctx.out(`Report: ${run.outDir}`);
        for (const f of run.files) ctx.out(`  ${f.path}`);
      } finally {
        await printer?.close?.();
      }
      ctx.setExitCode(EXIT_OK);
    });
}
