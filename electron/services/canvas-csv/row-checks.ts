import {
  BUILT_IN_ROLES,
  CHANGE_SIS_ID_TYPES,
  isValidDate,
  SPECS,
  type IdKind,
  type ImportKind,
} from './rules';

/** One row's checks against Canvas's importer rules (rules.ts). */

export interface Check {
  file?: string;
  row: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface PendingParent {
  file: string;
  row: number;
  account: string;
  parent: string;
  reject(): void;
}

export interface CheckState {
  /** Ids defined by accepted rows so far, per kind (what later rows may refer to). */
  ids: Map<IdKind, Set<string>>;
  /** Row identities seen per kind (duplicates). */
  keys: Map<ImportKind, Set<string>>;
  /** Accounts whose parent was not defined yet when the row was read. */
  pendingParents: PendingParent[];
}

export interface RowInput {
  kind: ImportKind;
  file: string;
  row: number;
  /** The row's value in a column; undefined when the header has no such column. */
  get(column: string): string | undefined;
  /** Columns the header lacks that the kind requires (reported once per file by checkHeader). */
  missing: ReadonlySet<string>;
  /** Called if a later check (account parents) finds the row cannot be imported after all. */
  reject(): void;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';
const singular = (k: IdKind) => k.slice(0, -1);

/** Required columns missing from the header (each row then lacks them too). */
export function missingColumns(kind: ImportKind, header: readonly string[]): string[] {
  const spec = SPECS[kind];
  const h = new Set(header);
  const missing = [...spec.required, ...(spec.headerOnly ?? [])].filter((c) => !h.has(c));
  for (const group of spec.oneOf ?? []) {
    if (!group.some((c) => h.has(c))) missing.push(group.join(' or '));
  }
  return missing;
}

function defined(state: CheckState, kind: IdKind, id: string): boolean {
  return state.ids.get(kind)?.has(id) ?? false;
}

/** Runs every check on a row; returns whether Canvas would import it. */
export function checkRow(input: RowInput, state: CheckState, emit: (c: Check) => void): boolean {
  const { kind, row, get } = input;
  const spec = SPECS[kind];
  let accepted = input.missing.size === 0;
  const error = (code: string, message: string) => {
    emit({ row, severity: 'error', code, message });
    accepted = false;
  };
  const warn = (code: string, message: string) => emit({ row, severity: 'warning', code, message });

  for (const col of spec.required) {
    const v = get(col);
    if (v !== undefined && v.trim() === '') error('missing_value', `No ${col} given.`);
  }
  for (const group of spec.oneOf ?? []) {
    if (group.some((c) => get(c) !== undefined) && group.every((c) => blank(get(c))))
      error('missing_value', `One of ${group.join(', ')} needs a value.`);
  }
  const status = get('status');
  if (spec.statuses && !blank(status) && !spec.statuses.includes(status!.trim().toLowerCase())) {
    error(
      'invalid_status',
      `Improper status "${status}" for a ${kind} row (allowed: ${spec.statuses.join(', ')}).`,
    );
  }
  checkDates(input, warn);
  checkKindRules(input, state, error, warn);

  if (spec.key) {
    const values = spec.key.map((c) => get(c)?.trim() ?? '');
    if (values.some((v) => v !== '')) {
      const key = values.join('\u0000');
      let seen = state.keys.get(kind);
      if (!seen) state.keys.set(kind, (seen = new Set()));
      if (seen.has(key)) {
        const shown = spec.key
          .filter((_, i) => values[i] !== '')
          .map((c, i) => `${c}=${values.filter((v) => v !== '')[i]}`);
        error(
          'duplicate_id',
          `Duplicate ${kind} row (${shown.join(', ')}): the same object appears twice in the import.`,
        );
      } else seen.add(key);
    }
  }
  for (const ref of spec.refs ?? []) {
    const v = get(ref.column)?.trim();
    if (v && !defined(state, ref.kind, v)) {
      warn(
        'unknown_reference',
        `${ref.column} "${v}" is not defined earlier in this import; Canvas must already have that ${singular(ref.kind)}.`,
      );
    }
  }
  if (spec.defines && accepted) {
    const id = get(spec.defines.column)?.trim();
    if (id) {
      let ids = state.ids.get(spec.defines.kind);
      if (!ids) state.ids.set(spec.defines.kind, (ids = new Set()));
      ids.add(id);
    }
  }
  return accepted;
}

function checkDates(input: RowInput, warn: (code: string, message: string) => void): void {
  const spec = SPECS[input.kind];
  if (!spec.dates) return;
  const valid: string[] = [];
  for (const col of spec.dates) {
    const v = input.get(col)?.trim() ?? '';
    if (v === '' || (spec.deletableDates && v === '<delete>')) continue;
    if (isValidDate(v)) valid.push(v);
    else
      warn(
        'bad_date',
        `Bad date format "${v}" in ${col} (use ISO 8601, e.g. 2026-08-15T00:00:00Z); the date is ignored.`,
      );
  }
  const start = input.get('start_date')?.trim() ?? '';
  const end = input.get('end_date')?.trim() ?? '';
  if (valid.includes(start) && valid.includes(end) && Date.parse(end) < Date.parse(start))
    warn('end_before_start', `end_date ${end} is before start_date ${start}.`);
  if (input.kind === 'enrollments' && (start === '') !== (end === ''))
    warn('dates_ignored', 'Enrollment dates only take effect when both start_date and end_date are set.');
}

function checkKindRules(
  input: RowInput,
  state: CheckState,
  error: (code: string, message: string) => void,
  warn: (code: string, message: string) => void,
): void {
  const get = (c: string) => input.get(c)?.trim() ?? '';
  switch (input.kind) {
    case 'accounts': {
      const id = get('account_id');
      const parent = get('parent_account_id');
      if (parent !== '' && parent === id) error('self_parent', `Account ${id} names itself as its parent.`);
      else if (parent !== '' && !defined(state, 'accounts', parent)) {
        state.pendingParents.push({
          file: input.file,
          row: input.row,
          account: id,
          parent,
          reject: input.reject,
        });
      }
      break;
    }
    case 'change_sis_id': {
      const type = get('type').toLowerCase();
      if (type !== '' && !CHANGE_SIS_ID_TYPES.includes(type))
        error(
          'invalid_type',
          `Invalid type '${get('type')}' for change_sis_id (allowed: ${CHANGE_SIS_ID_TYPES.join(', ')}).`,
        );
      if (type === 'group_category' && (get('old_integration_id') || get('new_integration_id')))
        error('invalid_type', 'Group categories should not have integration IDs.');
      if (get('old_id') !== '' && get('old_id') === get('new_id'))
        warn('no_change', `old_id and new_id are both "${get('old_id')}": nothing to change.`);
      break;
    }
    case 'enrollments': {
      const role = get('role');
      if (role !== '' && !BUILT_IN_ROLES.includes(role) && BUILT_IN_ROLES.includes(role.toLowerCase()))
        warn(
          'role_case',
          `Role "${role}" is not a built-in role (roles are case-sensitive); use "${role.toLowerCase()}".`,
        );
      if (get('associated_user_id') !== '' && role !== 'observer')
        warn('associated_user', 'associated_user_id only applies to observer enrollments.');
      break;
    }
    case 'user_observers':
      if (get('observer_id') !== '' && get('observer_id') === get('student_id'))
        error('self_observer', `User ${get('observer_id')} cannot observe themselves.`);
      break;
    default:
      break;
  }
}

/** After the accounts files: a parent defined later is out of order (error); one never defined must exist. */
export function finishAccounts(state: CheckState, emit: (c: Check) => void): void {
  for (const p of state.pendingParents) {
    if (defined(state, 'accounts', p.parent)) {
      emit({
        file: p.file,
        row: p.row,
        severity: 'error',
        code: 'parent_after_child',
        message: `Parent account ${p.parent} of ${p.account} comes later in the import; Canvas reads rows in order, so list parents before children.`,
      });
      p.reject();
    } else {
      emit({
        file: p.file,
        row: p.row,
        severity: 'warning',
        code: 'unknown_reference',
        message: `parent_account_id "${p.parent}" is not defined in this import; Canvas must already have that account.`,
      });
    }
  }
  state.pendingParents = [];
}
