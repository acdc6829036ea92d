import type { BaselineMeta } from '../../../shared/canvas/baseline';
import type { CanvasClient } from '../canvas-api';
import { canvasError } from '../canvas-api';
import { isServiceError, ServiceError } from '../../../shared/errors';
import {
  accountRow,
  ALL_ENROLLMENT_STATES,
  courseRow,
  enrollmentRow,
  idStr,
  sectionRow,
  str,
  termRow,
  type Json,
} from './api-mapping';
import { fetchUsers } from './api-users';
import { forEachLimited, throwIfAborted, withBaseline, type ProgressFn } from './fetch-common';
import type { BaselineStore } from './store';

/**
 * Reads the Canvas baseline through the REST API (docs/canvas-importer.md): accounts, terms, courses, sections, users
 * with every login, enrollments. Rows are stored page by page in the report's shape, so an API baseline and a
 * provisioning-report baseline of the same Canvas are identical row for row.
 */
export interface FetchViaApiOptions {
  store: BaselineStore;
  client: CanvasClient;
  rootAccountId: string;
  profileId?: string | null;
  canvasUrl: string;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Per-course requests (sections, enrollments) in flight at once; default 2 (Canvas penalises parallelism). */
  concurrency?: number;
}

export async function fetchBaselineViaApi(opts: FetchViaApiOptions): Promise<BaselineMeta> {
  const { store, client, signal } = opts;
  throwIfAborted(signal);
  const root = await rootAccount(client, opts.rootAccountId, signal);
  const rootId = idStr(root.id) || opts.rootAccountId;
  const baselineId = store.createBaseline({
    source: 'api',
    profileId: opts.profileId ?? null,
    canvasUrl: opts.canvasUrl,
    rootAccountId: rootId,
  });
  const sig = signal ? { signal } : {};
  const emit: ProgressFn = (p) => opts.onProgress?.(p);
  const base = `/api/v1/accounts/${encodeURIComponent(rootId)}`;
  const concurrency = opts.concurrency ?? 2;

  return withBaseline(store, baselineId, signal, async () => {
    // Accounts: the root account is not a report row; its sub-accounts are (parents resolved once all are read).
    const accountSis = new Map<string, string>([[rootId, str(root.sis_account_id)]]);
    const accounts: Json[] = [];
    let pages = 0;
    for await (const page of client.paginate<Json>(`${base}/sub_accounts`, { recursive: true }, sig)) {
      for (const a of page) {
        accounts.push(a);
        accountSis.set(idStr(a.id), str(a.sis_account_id));
      }
      emit({ phase: 'accounts', type: 'accounts', rows: accounts.length, pages: ++pages });
    }
    const sisOfAccount = (id: string): string => accountSis.get(id) ?? '';
    store.writer(baselineId, 'accounts').add(accounts.map((a) => accountRow(a, sisOfAccount)));

    const termSis = new Map<string, string>();
    const terms = store.writer(baselineId, 'terms');
    let rows = 0;
    pages = 0;
    const termQuery = { 'workflow_state[]': ['all'] };
    for await (const page of client.paginate<Json>(`${base}/terms`, termQuery, {
      ...sig,
      key: 'enrollment_terms',
    })) {
      const batch = page.map(termRow);
      for (const t of batch) termSis.set(t.canvas_term_id, t.term_id);
      terms.add(batch);
      rows += batch.length;
      emit({ phase: 'terms', type: 'terms', rows, pages: ++pages });
    }

    const courseSis = new Map<string, string>();
    const courses = store.writer(baselineId, 'courses');
    const sisOfTerm = (id: string): string => termSis.get(id) ?? '';
    rows = 0;
    pages = 0;
    const courseQuery = { 'state[]': ['all'], 'include[]': ['term'] };
    for await (const page of client.paginate<Json>(`${base}/courses`, courseQuery, sig)) {
      const batch = page.map((c) => courseRow(c, sisOfAccount, sisOfTerm));
      for (const c of batch) courseSis.set(c.canvas_course_id, c.course_id);
      courses.add(batch);
      rows += batch.length;
      emit({ phase: 'courses', type: 'courses', rows, pages: ++pages });
    }
    const courseIds = [...courseSis.keys()];
    const sisOfCourse = (id: string): string => courseSis.get(id) ?? '';

    const sections = store.writer(baselineId, 'sections');
    await perCourse(courseIds, concurrency, 'sections', emit, async (courseId, count) => {
      const path = `/api/v1/courses/${courseId}/sections`;
      for await (const page of client.paginate<Json>(path, {}, sig)) {
        sections.add(page.map((s) => sectionRow(s, sisOfCourse)));
        count(page.length);
      }
    });

    throwIfAborted(signal);
    await fetchUsers({ store, baselineId, client, accountId: rootId, concurrency, ...sig, onProgress: emit });

    const userSisStmt = store.db.prepare(
      `SELECT user_id FROM canvas_users WHERE baseline_id = ? AND canvas_user_id = ?
       ORDER BY status = 'deleted', rowid LIMIT 1`,
    );
    const sisOfUser = (id: string): string =>
      (userSisStmt.get(baselineId, id) as { user_id: string } | undefined)?.user_id ?? '';
    const enrollments = store.writer(baselineId, 'enrollments');
    const enrollmentQuery = { 'state[]': ALL_ENROLLMENT_STATES };
    await perCourse(courseIds, concurrency, 'enrollments', emit, async (courseId, count) => {
      const path = `/api/v1/courses/${courseId}/enrollments`;
      for await (const page of client.paginate<Json>(path, enrollmentQuery, sig)) {
        enrollments.add(page.map((e) => enrollmentRow(e, sisOfUser)));
        count(page.length);
      }
    });
  });
}

/** The root account, which also proves the URL, token and account id before anything is stored. */
async function rootAccount(client: CanvasClient, rootAccountId: string, signal?: AbortSignal): Promise<Json> {
  try {
    const res = await client.request<Json>('GET', `/api/v1/accounts/${encodeURIComponent(rootAccountId)}`, {
      ...(signal ? { signal } : {}),
    });
    if (res.data === null || typeof res.data !== 'object' || idStr(res.data.id) === '') {
      throw canvasError('canvas_bad_response', 'Canvas did not answer the account request with an account.');
    }
    if (idStr(res.data.parent_account_id) !== '') {
      throw new ServiceError(
        'canvas_not_root_account',
        `Canvas account ${rootAccountId} ("${str(res.data.name)}") is a sub-account, not the root account.`,
        `Use the root account id (its root is ${idStr(res.data.root_account_id) || 'shown in Admin'}).`,
      );
    }
    return res.data;
  } catch (err) {
    if (isServiceError(err, 'canvas_not_found')) {
      throw canvasError(
        'canvas_not_found',
        `Canvas has no account ${rootAccountId} (or the token cannot see it).`,
        {
          hint: 'Check the root account id in the profile (usually 1; Admin → the account → its id in the URL).',
        },
      );
    }
    throw err;
  }
}

async function perCourse(
  courseIds: string[],
  concurrency: number,
  phase: 'sections' | 'enrollments',
  emit: ProgressFn,
  readCourse: (courseId: string, count: (n: number) => void) => Promise<void>,
): Promise<void> {
  let rows = 0;
  let pages = 0;
  let done = 0;
  await forEachLimited(courseIds, concurrency, async (courseId) => {
    await readCourse(courseId, (n) => {
      rows += n;
      pages++;
      emit({ phase, type: phase, rows, pages, done, total: courseIds.length });
    });
    done++;
  });
  emit({ phase, type: phase, rows, pages, done, total: courseIds.length });
}
