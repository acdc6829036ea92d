import type {
  BaselineAccount,
  BaselineCourse,
  BaselineEnrollment,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../shared/canvas/baseline';
import {
  accountJson,
  COURSE_API_STATE,
  courseJson,
  ENROLLMENT_API_STATE,
  enrollmentJson,
  idFns,
  loginJson,
  rootAccountJson,
  sectionJson,
  termJson,
  userJson,
  type IdFn,
} from './api-shapes';
import type { BaselineRows } from './generate-baseline';
import { listParam, notFound, pageReply, truthy } from './paging';
import type { CanvasRequest, CanvasResponse, CanvasRoute } from './route';

/**
 * The Canvas read APIs the baseline fetch uses (docs/canvas-importer.md), over a generated baseline: accounts and
 * sub-accounts, terms, courses, sections, users, logins and enrollments, with Canvas's filters and paging.
 */

/**
 * Lookups over the rows. The rows change when the double applies a SIS import to them, so the server calls
 * `refresh()` after an import's routes ran; otherwise the read APIs would miss rows the report already has.
 */
export class CanvasIndex {
  readonly accountById = new Map<string, BaselineAccount>();
  readonly childrenOf = new Map<string, BaselineAccount[]>();
  readonly termById = new Map<string, BaselineTerm>();
  readonly courseById = new Map<string, BaselineCourse>();
  readonly sectionsOf = new Map<string, BaselineSection[]>();
  readonly enrollmentsOf = new Map<string, BaselineEnrollment[]>();
  /** Logins grouped per Canvas user, users in id order. */
  users: BaselineUser[][] = [];
  /** Users with at least one live login (listed without include_deleted_users). */
  liveUsers: BaselineUser[][] = [];
  readonly loginsOfUser = new Map<string, Array<{ login: BaselineUser; index: number }>>();
  /** Every live login with its row index (the double's login id). */
  readonly liveLogins: Array<{ login: BaselineUser; index: number }> = [];

  constructor(
    readonly rows: BaselineRows,
    readonly rootId: string,
  ) {
    this.refresh();
  }

  /** Rebuilds every lookup from the rows as they are now. */
  refresh(): void {
    const rows = this.rows;
    for (const m of [
      this.accountById,
      this.childrenOf,
      this.termById,
      this.courseById,
      this.sectionsOf,
      this.enrollmentsOf,
      this.loginsOfUser,
    ])
      m.clear();
    this.liveLogins.length = 0;
    for (const a of rows.accounts) {
      this.accountById.set(a.canvas_account_id, a);
      push(this.childrenOf, a.canvas_parent_id || this.rootId, a);
    }
    for (const t of rows.terms) this.termById.set(t.canvas_term_id, t);
    for (const c of rows.courses) this.courseById.set(c.canvas_course_id, c);
    for (const s of rows.sections) push(this.sectionsOf, s.canvas_course_id, s);
    for (const e of rows.enrollments) push(this.enrollmentsOf, e.canvas_course_id, e);
    const byUser = new Map<string, BaselineUser[]>();
    rows.users.forEach((u, index) => {
      push(byUser, u.canvas_user_id, u);
      const list = this.loginsOfUser.get(u.canvas_user_id) ?? [];
      list.push({ login: u, index });
      this.loginsOfUser.set(u.canvas_user_id, list);
      if (u.status !== 'deleted') this.liveLogins.push({ login: u, index });
    });
    this.users = [...byUser.values()].sort((a, b) => compareIds(a[0]!.canvas_user_id, b[0]!.canvas_user_id));
    this.liveUsers = this.users.filter((logins) => logins.some((l) => l.status !== 'deleted'));
  }

  /** Canvas id, `self`, or `sis_account_id:X` → the Canvas id ('' = unknown). */
  accountId(raw: string): string {
    const id = decodeURIComponent(raw);
    if (id === 'self' || id === this.rootId) return this.rootId;
    if (id.startsWith('sis_account_id:')) {
      const sis = id.slice('sis_account_id:'.length);
      return this.rows.accounts.find((a) => a.account_id === sis)?.canvas_account_id ?? '';
    }
    return this.accountById.has(id) ? id : '';
  }

  /** The account and everything under it. */
  subtree(accountId: string): Set<string> {
    const out = new Set<string>([accountId]);
    const stack = [accountId];
    while (stack.length > 0) {
      for (const child of this.childrenOf.get(stack.pop()!) ?? []) {
        out.add(child.canvas_account_id);
        stack.push(child.canvas_account_id);
      }
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function idFnOf(req: CanvasRequest): IdFn {
  return /canvas-string-ids/.test(String(req.headers.accept ?? '')) ? idFns.strings : idFns.numbers;
}

const ok = (body: unknown): CanvasResponse => ({ status: 200, body });

export function readRoutes(idx: CanvasIndex): CanvasRoute[] {
  const root = idx.rootId;
  const rootOnly = (raw: string): boolean => idx.accountId(raw) === root;

  return [
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)$/,
      handle(req, [raw]) {
        const id = idx.accountId(raw!);
        if (id === '') return notFound();
        const fn = idFnOf(req);
        return ok(id === root ? rootAccountJson(root, fn) : accountJson(idx.accountById.get(id)!, root, fn));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/sub_accounts$/,
      handle(req, [raw]) {
        const id = idx.accountId(raw!);
        if (id === '') return notFound();
        const recursive = truthy(req.url, 'recursive');
        const list = recursive
          ? [...idx.subtree(id)].filter((a) => a !== id).map((a) => idx.accountById.get(a)!)
          : (idx.childrenOf.get(id) ?? []);
        const fn = idFnOf(req);
        return pageReply(req, list.length, (i) => accountJson(list[i]!, root, fn), { noLast: recursive });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/terms$/,
      handle(req, [raw]) {
        if (!rootOnly(raw!)) return notFound();
        const states = listParam(req.url, 'workflow_state');
        const all = states.includes('all');
        const wanted = new Set(states.length === 0 ? ['active'] : states);
        const list = idx.rows.terms.filter((t) => all || wanted.has(t.status));
        const fn = idFnOf(req);
        return pageReply(
          req,
          list.length,
          (i) => termJson(list[i]!, fn),
          {},
          (items) => ({
            enrollment_terms: items,
          }),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/courses$/,
      handle(req, [raw]) {
        const id = idx.accountId(raw!);
        if (id === '') return notFound();
        const scope = id === root ? null : idx.subtree(id);
        const states = listParam(req.url, 'state');
        const all = states.includes('all');
        const list = idx.rows.courses.filter((c) => {
          if (scope !== null && !scope.has(c.canvas_account_id)) return false;
          const state = COURSE_API_STATE[c.status];
          if (all) return true;
          if (states.length === 0) return state !== 'deleted';
          return states.includes(state) || (state === 'unpublished' && states.includes('created'));
        });
        const withTerm = listParam(req.url, 'include').includes('term');
        const fn = idFnOf(req);
        return pageReply(req, list.length, (i) => {
          const c = list[i]!;
          return courseJson(c, idx.termById.get(c.canvas_term_id), withTerm, fn);
        });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/courses\/([^/]+)\/sections$/,
      handle(req, [raw]) {
        const id = decodeURIComponent(raw!);
        if (!idx.courseById.has(id)) return notFound();
        const list = idx.sectionsOf.get(id) ?? [];
        const fn = idFnOf(req);
        return pageReply(req, list.length, (i) => sectionJson(list[i]!, fn));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/courses\/([^/]+)\/enrollments$/,
      handle(req, [raw]) {
        const id = decodeURIComponent(raw!);
        if (!idx.courseById.has(id)) return notFound();
        const states = listParam(req.url, 'state');
        const wanted = new Set(states.length === 0 ? ['active', 'invited'] : states);
        const list = (idx.enrollmentsOf.get(id) ?? []).filter((e) =>
          wanted.has(ENROLLMENT_API_STATE[e.status]),
        );
        const fn = idFnOf(req);
        return pageReply(req, list.length, (i) => enrollmentJson(list[i]!, fn));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/users$/,
      handle(req, [raw]) {
        if (!rootOnly(raw!)) return notFound();
        const sort = req.url.searchParams.get('sort');
        if (sort !== null && sort !== 'id') {
          return { status: 400, body: { errors: [{ message: 'the Canvas double only sorts users by id' }] } };
        }
        const deleted = truthy(req.url, 'include_deleted_users');
        const list = deleted ? idx.users : idx.liveUsers;
        const email = listParam(req.url, 'include').includes('email');
        const fn = idFnOf(req);
        return pageReply(req, list.length, (i) => userJson(list[i]!, email, fn), { bookmark: true });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/accounts\/([^/]+)\/logins$/,
      handle(req, [raw]) {
        if (!rootOnly(raw!)) return notFound();
        const userId = req.url.searchParams.get('user[id]');
        return loginsReply(req, idx, userId);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/v1\/users\/([^/]+)\/logins$/,
      handle(req, [raw]) {
        const id = decodeURIComponent(raw!);
        if (!idx.loginsOfUser.has(id)) return notFound();
        return loginsReply(req, idx, id);
      },
    },
  ];
}

/**
 * Live (active or suspended) logins, as Canvas lists them; deleted logins are not listed. Without `user[id]`
 * the double lists every login of the root account (one request stream instead of one per user).
 */
function loginsReply(req: CanvasRequest, idx: CanvasIndex, userId: string | null): CanvasResponse {
  const fn = idFnOf(req);
  const list =
    userId === null
      ? idx.liveLogins
      : (idx.loginsOfUser.get(userId) ?? []).filter((l) => l.login.status !== 'deleted');
  return pageReply(req, list.length, (i) => loginJson(list[i]!.login, 1 + list[i]!.index, idx.rootId, fn), {
    bookmark: true,
  });
}
