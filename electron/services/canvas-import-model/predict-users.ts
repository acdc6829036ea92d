import type { BaselineUser } from '../../../shared/canvas/baseline';
import { blank, cell, type ImportFile, type StickyFields } from './input';
import { holderLabel, LOGIN_MAX, MSG, NON_PRINTABLE } from './messages';
import { compareFields, FileOutcomes } from './outcome';
import type { ImportOptions } from './params';
import { loginKey, type CanvasView } from './view';

/**
 * users.csv (docs/canvas-importer.md "Users"). Canvas finds the login by SIS id, else by active login_id
 * (case-insensitive); it skips the row when that login carries another SIS id, when the login_id belongs to
 * another login, or when the integration_id belongs to another login. Canvas may run pieces of a file in
 * parallel, so the prediction never relies on row order: a login_id that another row of the same import frees
 * (renames or deletes) or also asks for is predicted as skipped, marked order-dependent.
 */

export interface UserState {
  /** SIS ids Canvas will know after users.csv (imported or already there), and whether the login is deleted. */
  loginDeleted: Map<string, boolean>;
  /** Canvas user id behind each SIS id (null = created by this import). */
  canvasUser: Map<string, string | null>;
  /** SIS ids of users.csv rows Canvas skipped or rejected. */
  skipped: Set<string>;
}

interface Candidate {
  index: number;
  userId: string;
  login: string;
  status: string;
  integration: string;
  /** The login found by SIS id (after renames), if any. */
  bySis: BaselineUser | undefined;
}

export function predictUsers(
  file: ImportFile | undefined,
  view: CanvasView,
  opts: ImportOptions,
  sticky: StickyFields | undefined,
): { outcomes: FileOutcomes | null; users: UserState } {
  const users: UserState = { loginDeleted: new Map(), canvasUser: new Map(), skipped: new Set() };
  for (const [sis, u] of view.logins) {
    users.loginDeleted.set(sis, u.status === 'deleted');
    users.canvasUser.set(sis, u.canvas_user_id);
  }
  if (!file) return { outcomes: null, users };
  const out = new FileOutcomes(file);

  // 1. Row checks Canvas makes before looking anything up.
  const candidates: Candidate[] = [];
  file.rows.forEach((row, index) => {
    const userId = cell(row, 'user_id');
    const login = cell(row, 'login_id');
    const status = cell(row, 'status');
    const reject = (message: string, cause: 'missing_value' | 'bad_status') => {
      if (userId !== '') users.skipped.add(userId);
      out.add(index, userId, 'error', { message, cause });
    };
    if (blank(userId)) return reject(MSG.userNoId(), 'missing_value');
    if (blank(login)) return reject(MSG.userNoLogin(userId), 'missing_value');
    if (blank(status)) return reject(MSG.userNoStatus(userId), 'missing_value');
    if (!/^(active|suspended|deleted)/i.test(status)) return reject(MSG.userBadStatus(userId), 'bad_status');
    if (opts.skipDeletes && /deleted/i.test(status)) return void out.add(index, userId, 'skip');
    candidates.push({
      index,
      userId,
      login,
      status: status.toLowerCase(),
      integration: cell(row, 'integration_id'),
      bySis: view.logins.get(userId),
    });
  });

  // 2. Who asks for each login_id, and which Canvas logins this import renames away from theirs or deletes.
  const askers = new Map<string, Candidate[]>();
  const rowOfSis = new Map<string, Candidate>();
  for (const c of candidates) {
    const k = loginKey(c.login);
    const list = askers.get(k);
    if (list) list.push(c);
    else askers.set(k, [c]);
    rowOfSis.set(c.userId, c);
  }
  const frees = (holder: BaselineUser): boolean => {
    const own = rowOfSis.get(view.sisOf.get(holder) ?? '');
    if (!own || own.bySis !== holder) return false;
    return own.status === 'deleted' || loginKey(own.login) !== loginKey(holder.login_id);
  };

  const stuckOf = (sis: string) => sticky?.users?.[sis] ?? [];
  for (const c of candidates) {
    const k = loginKey(c.login);
    const holder = view.activeByLogin.get(k);
    const pseudo = c.bySis ?? holder;
    const skip = (
      message: string,
      cause: 'login_claimed' | 'integration_id_claimed' | 'sis_id_claimed',
      orderDependent = false,
    ) => {
      users.skipped.add(c.userId);
      out.add(c.index, c.userId, 'skip', { message, cause, orderDependent });
    };
    // Integration id held by another login (checked first by Canvas).
    const byInt = c.integration !== '' ? view.byIntegration.get(c.integration) : undefined;
    if (byInt && c.status !== 'deleted' && byInt !== pseudo) {
      skip(
        MSG.integrationClaimed(holderLabel(view.sisOf.get(byInt) ?? '', byInt.canvas_user_id), c.userId),
        'integration_id_claimed',
      );
      continue;
    }
    if (pseudo && !c.bySis) {
      // Found by login only: a login with another SIS id is not taken over (unless Canvas is told to).
      const sis = view.sisOf.get(pseudo) ?? '';
      if (sis !== '' && sis !== c.userId && !opts.updateSisIdIfLoginClaimed) {
        skip(MSG.loginClaimed(`SIS ID ${sis}`, c.userId), 'login_claimed', frees(pseudo));
        continue;
      }
    }
    const pinned = c.bySis !== undefined && stuckOf(c.userId).includes('login_id') && !opts.override;
    if (
      holder &&
      c.bySis &&
      holder !== c.bySis &&
      (c.status !== 'deleted' || loginKey(c.bySis.login_id) !== k)
    ) {
      skip(
        MSG.loginClaimed(holderLabel(view.sisOf.get(holder) ?? '', holder.canvas_user_id), c.userId),
        'login_claimed',
        frees(holder),
      );
      continue;
    }
    // Several rows of this import ask for a login nobody holds: the first one processed gets it.
    const rivals = (askers.get(k) ?? []).filter((r) => r !== c);
    if (!holder && rivals.length > 0) {
      const first = [c, ...rivals].sort((a, b) => a.index - b.index)[0]!;
      if (first !== c) {
        skip(MSG.loginClaimed(`SIS ID ${first.userId}`, c.userId), 'login_claimed', true);
        continue;
      }
    }
    // Canvas's login rule: 1–100 printable characters (the login is only set when it is not sticky).
    // Canvas validates the login when it saves it: a new login, or one whose login_id changes.
    if (!pinned && (!pseudo || pseudo.login_id !== c.login)) {
      if ([...c.login].length > LOGIN_MAX) {
        users.skipped.add(c.userId);
        out.add(c.index, c.userId, 'error', { message: MSG.loginTooLong(c.userId), cause: 'bad_login' });
        continue;
      }
      if (NON_PRINTABLE.test(c.login)) {
        users.skipped.add(c.userId);
        out.add(c.index, c.userId, 'error', {
          message: MSG.loginInvalid(c.userId, c.login),
          cause: 'bad_login',
        });
        continue;
      }
    }
    const deleted = c.status === 'deleted';
    if (!pseudo) {
      users.loginDeleted.set(c.userId, deleted);
      users.canvasUser.set(c.userId, null);
      out.add(c.index, c.userId, 'create');
      continue;
    }
    // Deleting a login that is already deleted: Canvas moves on without counting the row.
    if (deleted && pseudo.status === 'deleted') {
      out.add(c.index, c.userId, 'skip');
      continue;
    }
    users.loginDeleted.set(c.userId, deleted);
    users.canvasUser.set(c.userId, pseudo.canvas_user_id);
    const row = file.rows[c.index]!;
    const first = cell(row, 'first_name');
    const last = cell(row, 'last_name');
    const cmp = compareFields(
      [
        ['user_id', c.userId, view.sisOf.get(pseudo) ?? '', false],
        ['login_id', c.login, pseudo.login_id, true],
        ['name', first || last ? `${first} ${last}` : pseudo.full_name, pseudo.full_name, true],
        ['email', cell(row, 'email') === '' ? pseudo.email : cell(row, 'email'), pseudo.email, false],
        [
          'status',
          deleted ? 'deleted' : c.status === 'suspended' ? 'suspended' : 'active',
          pseudo.status,
          true,
        ],
        [
          'integration_id',
          c.integration === '' ? pseudo.integration_id : c.integration,
          pseudo.integration_id,
          false,
        ],
      ],
      stuckOf(c.userId),
      opts.override,
    );
    out.add(c.index, c.userId, cmp.outcome, { stickyKept: cmp.stickyKept });
  }
  return { outcomes: out, users };
}
