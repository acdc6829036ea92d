import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversionSummary } from '../../shared/conversion/types';
import type { Profile } from '../../shared/profiles/profile';
import type { ReportModel, SyncHistoryEntry } from '../../shared/report/model';
import type { SnapshotMeta } from '../../shared/snapshots/snapshot';
import type { VerifyReport } from '../../shared/verify/report';
import { createServices, type Services } from '../../electron/services/container';
import {
  generateDistrict,
  startProvider,
  type GeneratedDistrict,
} from '../../electron/services/demo-provider';
import { evaluateSnapshot, type Evaluation } from '../../electron/services/evaluate';
import { buildReportModel } from '../../electron/services/report';
import { verifyConnection } from '../../electron/services/verify';
import { LastReportStore } from '../../electron/services/verify/last-report-store';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';

/** Values that must never appear in any report output. */
export const FAKE_SECRET = 'FAKE-SECRET-9f3Kq7Zt2w';
/** The demo generator's feed passwords (`password-in-feed`): `Demo-<sourcedId>!`. */
export const FEED_PASSWORD = /Demo-[A-Za-z0-9-]+!/;
export const DISTRICT = 'Springfield Unified School District';
export const ACK_REASON = 'Test class, removed before go-live';
export const MUTED_RULE = 'USER-NO-EMAIL';

/** A small demo district with typical defects (and passwords in the feed). */
export const DEFECTS = [
  { kind: 'missing-username', rate: 0.01 },
  { kind: 'duplicate-username', rate: 0.01 },
  { kind: 'missing-email', rate: 0.03 },
  { kind: 'password-in-feed' },
  { kind: 'class-without-teacher' },
  { kind: 'missing-term-ref' },
  { kind: 'school-without-parent' },
  { kind: 'enrollment-no-dates', rate: 0.01 },
];

export interface ReportFixture {
  dataDir: string;
  district: GeneratedDistrict;
  services: Services;
  profile: Profile;
  snapshot: SnapshotMeta;
  evaluation: Evaluation;
  verify: VerifyReport;
  model: ReportModel;
  cleanup(): void;
}

/**
 * The real pipeline up to the report: a profile, a verify run against the demo provider on loopback (its
 * client secret is FAKE_SECRET) saved in the last-report store, the same district written as a snapshot,
 * one muted rule and one acknowledged blocker in the profile's settings, then a real evaluation.
 */
export async function buildFixture(
  name = DISTRICT,
  extra: { conversion?: ConversionSummary; syncHistory?: SyncHistoryEntry[] } = {},
): Promise<ReportFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'preflight-report-'));
  const services = createServices({ dataDir });
  const district = generateDistrict({ preset: 'small', defects: DEFECTS });
  const provider = await startProvider({ district, auth: { clientSecret: FAKE_SECRET } });
  let verify: VerifyReport;
  try {
    verify = await verifyConnection({
      baseUrl: provider.baseUrl,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      pageSize: 100,
    });
  } finally {
    await provider.close();
  }
  const profile = await services.profiles.create({
    name,
    oneroster: { baseUrl: provider.baseUrl, clientId: provider.clientId, auth: { kind: 'oauth1' } },
  });
  await new LastReportStore(dataDir).save(profile.id, verify);
  const { snapshotId } = writeDistrictSnapshot(services.snapshots, district, {
    profileId: profile.id,
    label: name,
  });
  await services.settings.setMuted(profile.id, MUTED_RULE, true);
  const first = await evaluateSnapshot({ store: services.snapshots, snapshotId });
  const blocker = first.findings.find((f) => f.ruleId === 'OR-REF-MISSING')!;
  await services.settings.acknowledge(profile.id, { ...blocker, reason: ACK_REASON, by: 'dana.admin' });
  const settings = services.settings.get(profile.id);
  const evaluation = await evaluateSnapshot({
    store: services.snapshots,
    snapshotId,
    options: settings.mapping,
    settings: settings.rules,
  });
  const snapshot = services.snapshots.get(snapshotId)!;
  const model = buildReportModel({
    evaluation,
    snapshot,
    profile: { name: profile.name, demo: profile.demo },
    verify,
    mappingOptions: settings.mapping,
    ruleSettings: settings.rules,
    ...(extra.conversion ? { conversion: extra.conversion } : {}),
    ...(extra.syncHistory ? { syncHistory: extra.syncHistory } : {}),
    appVersion: '0.1.0-test',
    generatedAt: '2026-03-02T14:05:00.000Z',
  });
  return {
    dataDir,
    district,
    services,
    profile,
    snapshot,
    evaluation,
    verify,
    model,
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A conversion summary as the conversion service reports it (input data for the conversion chapter). */
export function sampleConversion(snapshotId: string): ConversionSummary {
  return ConversionSummary.parse({
    baselineId: 'BL-2026-03-01',
    snapshotId,
    counts: {
      users: { keep: 820, remap: 64, create: 102, orphan: 12 },
      accounts: { keep: 3, remap: 1, create: 0, orphan: 0 },
      terms: { keep: 0, remap: 1, create: 1, orphan: 2 },
      courses: { keep: 120, remap: 20, create: 16, orphan: 9 },
      sections: { keep: 130, remap: 10, create: 16, orphan: 4 },
    },
    proposals: { total: 96, accepted: 60, rejected: 4, pending: 32 },
    simulation: {
      importMode: { mode: 'batch', termId: 'T-2027', changeThreshold: 10 },
      rows: [
        {
          type: 'courses',
          term: 'T-2027',
          create: 16,
          update: 140,
          delete: 9,
          conclude: 0,
          unchanged: 0,
          existing: 149,
        },
        {
          type: 'enrollments',
          term: 'T-2027',
          create: 420,
          update: 0,
          delete: 380,
          conclude: 0,
          unchanged: 3200,
          existing: 3580,
        },
      ],
      percentages: { courses: 6, sections: 2.7, enrollments: 10.6 },
      exceeds: ['enrollments'],
    },
  });
}
