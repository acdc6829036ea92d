import { randomBytes } from 'node:crypto';
import type { CanvasClient } from '../canvas-api';
import { isServiceError } from '../../../shared/errors';
import { deletedLoginRow, loginRow, userFacts, type Json, type UserFacts } from './api-mapping';
import { forEachLimited, type ProgressFn } from './fetch-common';
import type { BaselineStore } from './store';

/**
 * Users as the report lists them: one row per login. The users endpoint gives names and email (one login per
 * user), the logins endpoint every login; they are joined through a temporary table in the snapshot database so
 * memory stays flat however many users the account has.
 */
export interface UsersFetch {
  store: BaselineStore;
  baselineId: string;
  client: CanvasClient;
  accountId: string;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  concurrency: number;
}

const FACT_COLUMNS = [
  'canvas_user_id',
  'first_name',
  'last_name',
  'full_name',
  'sortable_name',
  'email',
  'sis_user_id',
  'login_id',
  'integration_id',
] as const;

export async function fetchUsers(f: UsersFetch): Promise<void> {
  const db = f.store.db;
  const table = `temp.canvas_fetch_users_${randomBytes(6).toString('hex')}`;
  db.exec(
    `CREATE TABLE ${table} (${FACT_COLUMNS.map((c) => (c === 'canvas_user_id' ? `${c} TEXT PRIMARY KEY` : `${c} TEXT`)).join(', ')}, seen INTEGER NOT NULL DEFAULT 0)`,
  );
  try {
    const insert = db.prepare(
      `INSERT OR REPLACE INTO ${table} (${FACT_COLUMNS.join(', ')}) VALUES (${FACT_COLUMNS.map(() => '?').join(', ')})`,
    );
    const base = `/api/v1/accounts/${encodeURIComponent(f.accountId)}`;
    let users = 0;
    let pages = 0;
    const query = { sort: 'id', include_deleted_users: true, 'include[]': ['email'] };
    for await (const page of f.client.paginate<Json>(`${base}/users`, query, signalOpt(f.signal))) {
      db.transaction(() => {
        for (const u of page) {
          const facts = userFacts(u);
          if (facts.canvas_user_id !== '') insert.run(FACT_COLUMNS.map((c) => facts[c]));
        }
      })();
      users += page.length;
      f.onProgress?.({ phase: 'users', rows: users, pages: ++pages });
    }
    await fetchLogins(f, table, base);
    // Users still unseen were only listed because of include_deleted_users: their one login is deleted.
    const writer = f.store.writer(f.baselineId, 'users');
    const unseen = db.prepare(
      `SELECT rowid AS r, ${FACT_COLUMNS.join(', ')} FROM ${table} WHERE seen = 0 AND rowid > ? ORDER BY rowid LIMIT 500`,
    );
    let after = 0;
    for (;;) {
      const batch = unseen.all(after) as Array<UserFacts & { r: number }>;
      if (batch.length === 0) break;
      writer.add(batch.map(deletedLoginRow));
      after = batch[batch.length - 1]!.r;
    }
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}

async function fetchLogins(f: UsersFetch, table: string, base: string): Promise<void> {
  const db = f.store.db;
  const lookup = db.prepare(`SELECT ${FACT_COLUMNS.join(', ')} FROM ${table} WHERE canvas_user_id = ?`);
  const markSeen = db.prepare(`UPDATE ${table} SET seen = 1 WHERE canvas_user_id = ?`);
  const writer = f.store.writer(f.baselineId, 'users');
  let rows = 0;
  let pages = 0;
  const store = (page: Json[]): void => {
    const out = [];
    for (const login of page) {
      const userId = String(login.user_id ?? '');
      const facts = (lookup.get(userId) as UserFacts | undefined) ?? emptyFacts(userId);
      if (facts.canvas_user_id === '') continue;
      out.push(loginRow(login, facts));
      markSeen.run(userId);
    }
    writer.add(out);
    rows += out.length;
    f.onProgress?.({ phase: 'logins', type: 'users', rows, pages: ++pages });
  };
  try {
    for await (const page of f.client.paginate<Json>(`${base}/logins`, {}, signalOpt(f.signal))) store(page);
    return;
  } catch (err) {
    // Canvas may insist on user[id] for the account-level listing: then ask per user (slower, same rows).
    const perUser = isServiceError(err, 'canvas_bad_request', 'canvas_not_found');
    if (!perUser || rows > 0) throw err;
  }
  const ids = db.prepare(
    `SELECT rowid AS r, canvas_user_id AS id FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 500`,
  );
  let after = 0;
  for (;;) {
    const batch = ids.all(after) as Array<{ r: number; id: string }>;
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.r;
    await forEachLimited(batch, f.concurrency, async ({ id }) => {
      const path = `/api/v1/users/${encodeURIComponent(id)}/logins`;
      for await (const page of f.client.paginate<Json>(path, {}, signalOpt(f.signal))) store(page);
    });
  }
}

function emptyFacts(id: string): UserFacts {
  return {
    canvas_user_id: /^\d+$/.test(id) ? id : '',
    first_name: '',
    last_name: '',
    full_name: '',
    sortable_name: '',
    email: '',
    sis_user_id: '',
    login_id: '',
    integration_id: '',
  };
}

function signalOpt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
