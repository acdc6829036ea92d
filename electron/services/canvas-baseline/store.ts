import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  BASELINE_FIELDS,
  BASELINE_TYPES,
  type BaselineCounts,
  type BaselineMeta,
  type BaselineRecord,
  type BaselineSource,
  type BaselineStatus,
  type BaselineType,
  type TypeCount,
} from '../../../shared/canvas/baseline';
import { ServiceError } from '../../../shared/errors';
import type { SnapshotStore } from '../snapshots';

/**
 * Canvas baselines live in the snapshot database (same file, same connection): one `canvas_baselines` row per
 * fetch and one table per type. A baseline is written while 'running', then becomes 'complete' or 'failed'.
 */

export interface NewBaseline {
  profileId?: string | null;
  source: BaselineSource;
  canvasUrl?: string | null;
  rootAccountId?: string | null;
}

export const BASELINE_TABLE: Record<BaselineType, string> = {
  accounts: 'canvas_accounts',
  terms: 'canvas_terms',
  courses: 'canvas_courses',
  sections: 'canvas_sections',
  users: 'canvas_users',
  enrollments: 'canvas_enrollments',
};

/** Derived, lower-cased lookup columns (users only). */
const DERIVED: Partial<Record<BaselineType, Array<[string, (r: Record<string, unknown>) => string]>>> = {
  users: [
    ['login_id_lower', (r) => String(r.login_id).toLowerCase()],
    ['email_lower', (r) => String(r.email).toLowerCase()],
  ],
};

interface BaselineRow {
  id: string;
  profile_id: string | null;
  source: BaselineSource;
  status: BaselineStatus;
  fetched_at: string;
  finished_at: string | null;
  canvas_url: string | null;
  root_account_id: string | null;
  counts: string | null;
  error: string | null;
}

function toMeta(row: BaselineRow): BaselineMeta {
  return {
    id: row.id,
    profileId: row.profile_id,
    source: row.source,
    status: row.status,
    fetchedAt: row.fetched_at,
    finishedAt: row.finished_at,
    canvasUrl: row.canvas_url,
    rootAccountId: row.root_account_id,
    counts: row.counts === null ? null : (JSON.parse(row.counts) as BaselineCounts),
    error: row.error,
  };
}

function notFound(id: string): ServiceError {
  return new ServiceError(
    'baseline_not_found',
    `Canvas baseline ${id} does not exist.`,
    'Fetch or import the Canvas provisioning report again.',
  );
}

/** Adds rows of one type to a running baseline; each `add` is one transaction. */
export class BaselineWriter<T extends BaselineType> {
  private readonly insert: Database.Statement;
  private readonly fields: readonly string[];
  private readonly derived: Array<[string, (r: Record<string, unknown>) => string]>;

  constructor(
    private readonly store: BaselineStore,
    private readonly baselineId: string,
    type: T,
  ) {
    this.fields = BASELINE_FIELDS[type];
    this.derived = DERIVED[type] ?? [];
    const cols = ['baseline_id', ...this.fields, ...this.derived.map(([c]) => c)];
    this.insert = store.db.prepare(
      `INSERT INTO ${BASELINE_TABLE[type]} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
    );
  }

  add(rows: ReadonlyArray<BaselineRecord<T>>): void {
    if (rows.length === 0) return;
    this.store.db.transaction(() => {
      this.store.assertRunning(this.baselineId);
      for (const row of rows) {
        const r = row as unknown as Record<string, unknown>;
        const values: unknown[] = [this.baselineId];
        for (const f of this.fields) values.push(typeof r[f] === 'boolean' ? (r[f] ? 1 : 0) : r[f]);
        for (const [, derive] of this.derived) values.push(derive(r));
        this.insert.run(values);
      }
    })();
  }
}

export class BaselineStore {
  readonly db: Database.Database;

  constructor(snapshots: SnapshotStore) {
    this.db = snapshots.db;
  }

  createBaseline(meta: NewBaseline): string {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO canvas_baselines (id, profile_id, source, status, fetched_at, canvas_url, root_account_id)
         VALUES (?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(
        id,
        meta.profileId ?? null,
        meta.source,
        new Date().toISOString(),
        meta.canvasUrl ?? null,
        meta.rootAccountId ?? null,
      );
    return id;
  }

  writer<T extends BaselineType>(baselineId: string, type: T): BaselineWriter<T> {
    this.assertRunning(baselineId);
    return new BaselineWriter(this, baselineId, type);
  }

  /** Records that the section came from another course (the report's xlist file). False: no such section. */
  setCrosslist(
    baselineId: string,
    canvasSectionId: string,
    nonxlist: { canvasCourseId: string; courseId: string },
  ): boolean {
    this.assertRunning(baselineId);
    const info = this.db
      .prepare(
        `UPDATE canvas_sections SET canvas_nonxlist_course_id = ?, nonxlist_course_id = ?
         WHERE baseline_id = ? AND canvas_section_id = ?`,
      )
      .run(nonxlist.canvasCourseId, nonxlist.courseId, baselineId, canvasSectionId);
    return info.changes > 0;
  }

  /** `counts`: already counted elsewhere (a fetch counts on a thread: ~1 s on the large district). */
  complete(baselineId: string, counts?: BaselineCounts): BaselineMeta {
    return this.finish(baselineId, 'complete', null, counts);
  }

  fail(baselineId: string, error: string): BaselineMeta {
    return this.finish(baselineId, 'failed', error);
  }

  get(baselineId: string): BaselineMeta | null {
    const row = this.db.prepare('SELECT * FROM canvas_baselines WHERE id = ?').get(baselineId) as
      BaselineRow | undefined;
    return row === undefined ? null : toMeta(row);
  }

  /** Newest first. `profileId: null` lists baselines that belong to no profile. */
  list(filter: { profileId?: string | null; status?: BaselineStatus } = {}): BaselineMeta[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.profileId !== undefined) {
      where.push('profile_id IS ?');
      args.push(filter.profileId);
    }
    if (filter.status !== undefined) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const sql = `SELECT * FROM canvas_baselines ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY fetched_at DESC, rowid DESC`;
    return (this.db.prepare(sql).all(...args) as BaselineRow[]).map(toMeta);
  }

  /** The newest complete baseline of a profile. */
  latest(profileId: string | null): BaselineMeta | null {
    return this.list({ profileId, status: 'complete' })[0] ?? null;
  }

  /** Live counts from the rows (also while running). */
  counts(baselineId: string): BaselineCounts {
    const counts = { crosslisted: 0 } as BaselineCounts;
    for (const type of BASELINE_TYPES) {
      const rows = this.db
        .prepare(
          `SELECT status, COUNT(*) AS n FROM ${BASELINE_TABLE[type]} WHERE baseline_id = ? GROUP BY status`,
        )
        .all(baselineId) as Array<{ status: string; n: number }>;
      const c: TypeCount = { total: 0, byStatus: {} };
      for (const r of rows) {
        c.total += r.n;
        c.byStatus[r.status] = r.n;
      }
      counts[type] = c;
    }
    counts.crosslisted = (
      this.db
        .prepare(
          `SELECT COUNT(*) AS n FROM canvas_sections WHERE baseline_id = ? AND canvas_nonxlist_course_id <> ''`,
        )
        .get(baselineId) as { n: number }
    ).n;
    return counts;
  }

  /** Rows of one type in storage order. */
  *iterate<T extends BaselineType>(baselineId: string, type: T): IterableIterator<BaselineRecord<T>> {
    const fields = BASELINE_FIELDS[type];
    const stmt = this.db.prepare(
      // NOT INDEXED: a rowid-order scan streams rows; through an index SQLite sorts them in a temp B-tree first
      // (≈ 1.5 s per 100k enrollments). Rows of other baselines are skipped cheaply.
      `SELECT ${fields.join(', ')} FROM ${BASELINE_TABLE[type]} NOT INDEXED WHERE baseline_id = ? ORDER BY rowid`,
    );
    for (const raw of stmt.iterate(baselineId) as IterableIterator<Record<string, unknown>>) {
      raw.created_by_sis = raw.created_by_sis === 1;
      yield raw as unknown as BaselineRecord<T>;
    }
  }

  /** Deletes a baseline and its rows (explicit user action). */
  delete(baselineId: string): boolean {
    return this.db.prepare('DELETE FROM canvas_baselines WHERE id = ?').run(baselineId).changes > 0;
  }

  assertRunning(baselineId: string): void {
    const row = this.db.prepare('SELECT status FROM canvas_baselines WHERE id = ?').get(baselineId) as
      { status: BaselineStatus } | undefined;
    if (row === undefined) throw notFound(baselineId);
    if (row.status !== 'running') {
      throw new ServiceError(
        'baseline_not_writable',
        `Canvas baseline ${baselineId} is ${row.status} and can no longer change.`,
        'Start a new baseline to fetch Canvas data again.',
      );
    }
  }

  private finish(
    baselineId: string,
    status: 'complete' | 'failed',
    error: string | null,
    counts?: BaselineCounts,
  ): BaselineMeta {
    this.db.transaction(() => {
      this.assertRunning(baselineId);
      this.db
        .prepare(
          'UPDATE canvas_baselines SET status = ?, finished_at = ?, counts = ?, error = ? WHERE id = ?',
        )
        .run(
          status,
          new Date().toISOString(),
          JSON.stringify(counts ?? this.counts(baselineId)),
          error,
          baselineId,
        );
    })();
    return this.get(baselineId)!;
  }
}

export function openBaselineStore(snapshots: SnapshotStore): BaselineStore {
  return new BaselineStore(snapshots);
}
