import { randomBytes } from 'node:crypto';
import type { SnapshotMeta, SnapshotSource } from '../../../shared/snapshots/snapshot';

/** What a pull or import says about a new snapshot. */
export interface NewSnapshot {
  source: SnapshotSource;
  profileId?: string | null;
  label?: string;
  baseUrl?: string | null;
  authKind?: string | null;
  pageSize?: number | null;
  providerFacts?: Record<string, unknown>;
  /** Delta pulls: the complete snapshot this one starts from (see cloneForDelta). */
  parentSnapshotId?: string | null;
  deltaSince?: string | null;
}

export interface SnapshotRow {
  id: string;
  profile_id: string | null;
  source: string;
  label: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  base_url: string | null;
  auth_kind: string | null;
  page_size: number | null;
  provider_facts: string;
  counts: string | null;
  issue_counts: string | null;
  error: string | null;
  parent_snapshot_id: string | null;
  delta_since: string | null;
  owner_pid: number | null;
  owner_token: string | null;
}

/** Sortable, readable and short (it is repeated in every row): 20250114T093012Z-3fa9c1. */
export function newSnapshotId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function rowToMeta(row: SnapshotRow): SnapshotMeta {
  return {
    id: row.id,
    profileId: row.profile_id,
    source: row.source as SnapshotMeta['source'],
    label: row.label,
    status: row.status as SnapshotMeta['status'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    baseUrl: row.base_url,
    authKind: row.auth_kind,
    pageSize: row.page_size,
    providerFacts: JSON.parse(row.provider_facts) as Record<string, unknown>,
    counts: row.counts === null ? null : (JSON.parse(row.counts) as SnapshotMeta['counts']),
    issueCounts:
      row.issue_counts === null ? null : (JSON.parse(row.issue_counts) as SnapshotMeta['issueCounts']),
    error: row.error,
    parentSnapshotId: row.parent_snapshot_id,
    deltaSince: row.delta_since,
  };
}
