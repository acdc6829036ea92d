import type { BaselineUser } from '../../../../shared/canvas/baseline';
import { CANVAS_MESSAGES as MSG, holderLabel, LOGIN_MAX, NON_PRINTABLE } from '../../canvas-import-model';
import type { Sink } from './apply-structure';
import type { LiveCanvas } from './state';

/**
 * users.csv, row after row on the live Canvas, following Canvas's user importer: the login is found by SIS id, else
 * by active login_id; a login with another SIS id, a login_id on another login or an integration_id on another
 * login skips the row; an invalid login_id fails to save. A row that renames a login frees its old login_id for
 * the rows after it. Deleting a user's last login deletes the user's enrollments.
 */

type Row = Readonly<Record<string, string>>;
const v = (row: Row, k: string) => row[k] ?? '';
const blank = (s: string) => s.trim() === '';

export function applyUsers(
  canvas: LiveCanvas,
  file: string,
  rows: readonly Row[],
  sink: Sink & { updateSisIdIfLoginClaimed: boolean },
): void {
  rows.forEach((row, i) => {
    const warn = (m: string) => sink.warnings.push([file, m, i + 2]);
    const userId = v(row, 'user_id');
    const login = v(row, 'login_id');
    const rawStatus = v(row, 'status');
    const integration = v(row, 'integration_id');
    if (blank(userId)) return warn(MSG.userNoId());
    if (blank(login)) return warn(MSG.userNoLogin(userId));
    if (blank(rawStatus)) return warn(MSG.userNoStatus(userId));
    if (!/^(active|suspended|deleted)/i.test(rawStatus)) return warn(MSG.userBadStatus(userId));
    if (sink.skipDeletes && /deleted/i.test(rawStatus)) return;
    const status = rawStatus.toLowerCase();

    let pseudo: BaselineUser | undefined = canvas.loginBySis(userId);
    const byLogin = canvas.activeLoginByLoginId(login);
    const byIntegration = canvas.loginByIntegration(integration);
    pseudo ??= byLogin;
    if (byIntegration && status !== 'deleted' && byIntegration !== pseudo)
      return warn(
        MSG.integrationClaimed(holderLabel(byIntegration.user_id, byIntegration.canvas_user_id), userId),
      );
    if (pseudo) {
      if (pseudo.user_id !== '' && pseudo.user_id !== userId) {
        if (!sink.updateSisIdIfLoginClaimed)
          return warn(MSG.loginClaimed(`SIS ID ${pseudo.user_id}`, userId));
      }
      if (
        byLogin &&
        ((pseudo !== byLogin && status !== 'deleted') ||
          pseudo.login_id.toLowerCase() !== login.toLowerCase())
      )
        return warn(MSG.loginClaimed(holderLabel(byLogin.user_id, byLogin.canvas_user_id), userId));
    }
    const newLogin = !pseudo;
    if (status === 'deleted' && pseudo && pseudo.status === 'deleted') return;
    const setLogin = newLogin || !canvas.isStuck(pseudo!, 'login_id') || sink.override;
    if (setLogin && (newLogin || pseudo!.login_id !== login)) {
      if ([...login].length > LOGIN_MAX) return warn(MSG.loginTooLong(userId));
      if (NON_PRINTABLE.test(login)) return warn(MSG.loginInvalid(userId, login));
    }
    const first = v(row, 'first_name');
    const last = v(row, 'last_name');
    if (!pseudo) {
      pseudo = {
        canvas_user_id: canvas.newId(),
        user_id: userId,
        integration_id: '',
        authentication_provider_id: '',
        login_id: login,
        first_name: first,
        last_name: last,
        full_name: first || last ? `${first} ${last}` : login,
        sortable_name: first || last ? `${last}, ${first}` : login,
        email: '',
        status: 'active',
        created_by_sis: true,
      };
      canvas.rows.users.push(pseudo);
    } else {
      const free = (f: string) => !canvas.isStuck(pseudo!, f) || sink.override;
      if ((first || last) && free('name')) {
        pseudo.first_name = first;
        pseudo.last_name = last;
        pseudo.full_name = `${first} ${last}`;
        pseudo.sortable_name = `${last}, ${first}`;
      }
      if (setLogin) pseudo.login_id = login;
    }
    if (status === 'deleted' && !newLogin) removeEnrollmentsIfLastLogin(canvas, pseudo, userId);
    pseudo.user_id = userId;
    if (integration !== '') pseudo.integration_id = integration;
    if (!canvas.isStuck(pseudo, 'status') || sink.override || newLogin)
      pseudo.status = status === 'deleted' ? 'deleted' : status === 'suspended' ? 'suspended' : 'active';
    if (v(row, 'email') !== '') pseudo.email = v(row, 'email');
    canvas.note(pseudo);
    canvas.touched.add(pseudo);
    sink.count('users');
  });
}

function removeEnrollmentsIfLastLogin(canvas: LiveCanvas, pseudo: BaselineUser, userId: string): void {
  const others = canvas
    .loginsOfUser(pseudo.canvas_user_id)
    .some((l) => l !== pseudo && l.status !== 'deleted' && l.user_id !== userId);
  if (others) return;
  for (const e of canvas.rows.enrollments)
    if (e.canvas_user_id === pseudo.canvas_user_id && e.status !== 'deleted') e.status = 'deleted';
}
