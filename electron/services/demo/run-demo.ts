import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReportFormat } from '../../../shared/report/model';
import type { FindingCounts, Verdict } from '../../../shared/rules/finding';
import type { VerifyReport } from '../../../shared/verify/report';
import { CanvasClient } from '../canvas-api';
import { fetchBaselineViaReport, openBaselineStore } from '../canvas-baseline';
import type { Services } from '../container';
import { DEMO_DISTRICT, type DistrictSpec } from '../demo-provider';
import { ServiceError } from '../../../shared/errors';
import { createPullClient, pullSnapshot, type PullResult } from '../pull';
import { assembleReport, writeAssembledReport } from '../report/assemble';
import type { ExportedFile, PdfPrinter } from '../report';
import { defaultSettings } from '../settings';
import { verifyConnection } from '../verify';
import { startDemoServers } from './servers';

export const DEMO_RUN_NAME = 'Demo district';

/** The steps of a demo run, in order; `onStep` hears each one start. */
export type DemoStep = 'start' | 'verify' | 'pull' | 'baseline' | 'evaluate' | 'report' | 'stop';

export interface RunDemoOptions {
  services: Pick<Services, 'snapshots' | 'dataDir' | 'logger'>;
  /** Folder the report is written into (created if missing). */
  outDir: string;
  formats: readonly ReportFormat[];
  /** Required when formats include 'pdf'. */
  printer?: PdfPrinter;
  appVersion: string;
  /** Default: the district "Open demo district" serves; tests pass a smaller one. */
  district?: DistrictSpec;
  signal?: AbortSignal;
  onStep?: (step: DemoStep) => void;
}

export interface DemoRun {
  verdict: Verdict;
  counts: FindingCounts;
  verify: VerifyReport;
  snapshotId: string;
  records: number;
  baselineId: string;
  files: ExportedFile[];
  outDir: string;
}

/**
 * `preflight demo`: the whole product on one machine with no credentials. The bundled OneRoster provider and
 * Canvas double start on loopback; the run verifies the connection, pulls a snapshot, fetches the Canvas baseline
 * through the provisioning report, evaluates data and conversion rules and writes the readiness report; the
 * servers are stopped whatever happens. The snapshot and baseline stay in the data folder without a profile.
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoRun> {
  const { services, signal } = options;
  const step = (s: DemoStep): void => options.onStep?.(s);
  step('start');
  const servers = await startDemoServers(options.district ?? DEMO_DISTRICT);
  try {
    const { provider, canvas } = servers;
    const target = {
      baseUrl: provider.baseUrl,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      auth: { kind: 'oauth1' as const, signatureMethod: 'HMAC-SHA256' as const },
    };
    step('verify');
    const verify = await verifyConnection(target, signal ? { signal } : {});
    if (verify.summary.verdict === 'not_ready') {
      throw new ServiceError('demo_verify_failed', 'The demo provider did not pass verify.');
    }

    step('pull');
    const pull: PullResult = await pullSnapshot({
      store: services.snapshots,
      client: createPullClient(target),
      profileId: null,
      delta: false,
      ...(signal ? { signal } : {}),
      baseUrl: target.baseUrl,
      authKind: target.auth.kind,
      label: DEMO_RUN_NAME,
    });
    if (pull.status !== 'complete') {
      throw new ServiceError('demo_pull_failed', `The demo pull ended ${pull.status}: ${pull.error ?? ''}`);
    }

    step('baseline');
    const client = new CanvasClient({
      baseUrl: canvas.url,
      token: servers.canvasToken,
      logger: services.logger.child('canvas'),
    });
    const baseline = await fetchBaselineViaReport({
      store: openBaselineStore(services.snapshots),
      client,
      rootAccountId: canvas.rootAccountId,
      profileId: null,
      canvasUrl: client.baseUrl.origin,
      pollIntervalMs: 100,
      maxPollIntervalMs: 500,
      ...(signal ? { signal } : {}),
    });

    step('evaluate');
    const settings = defaultSettings();
    const report = await assembleReport({
      services,
      snapshotId: pull.snapshotId,
      options: settings.mapping,
      settings: settings.rules,
      profile: { id: null, name: DEMO_RUN_NAME, demo: true },
      baselineId: baseline.id,
      verify,
      appVersion: options.appVersion,
    });

    step('report');
    const outDir = resolve(options.outDir);
    await mkdir(outDir, { recursive: true });
    const formats = report.conversion
      ? options.formats
      : options.formats.filter((f) => f !== 'change-sis-id');
    const files = await writeAssembledReport(report, {
      formats,
      outDir,
      ...(options.printer ? { printer: options.printer } : {}),
    });
    return {
      verdict: report.model.verdict,
      counts: report.model.counts,
      verify,
      snapshotId: pull.snapshotId,
      records: Object.values(pull.counts).reduce((a, b) => a + b, 0),
      baselineId: baseline.id,
      files,
      outDir,
    };
  } finally {
    step('stop');
    await servers.close();
  }
}
