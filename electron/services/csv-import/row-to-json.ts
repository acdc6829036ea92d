import type { ColumnKind, CsvColumn, CsvFileDef } from './columns';
import { aliasOf, isExtensionColumn, isRequiredIn, type OneRosterVersion } from './dialects';

/** Turns CSV rows of one file into JSON-binding records, according to the file's header. */

export interface HeaderProblem {
  column: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

type Slot = { index: number; kind: ColumnKind } | { index: number; metadataPath: string[] };

export interface HeaderPlan {
  width: number;
  slots: Slot[];
  sourcedIdIndex: number;
  /** Column holding passwords (users.csv), or -1. */
  passwordIndex: number;
  /** 1.0 names (or vendor spellings) read as their 1.1 column: "termSourcedId → termSourcedIds". */
  aliasesUsed: string[];
}

/**
 * Matches header names to the 1.1 columns (case-insensitively, as exporters vary). `metadata.*` columns are the
 * binding's extension point and land in `metadata`; unknown columns are reported and also kept in `metadata`,
 * so no value is lost.
 */
export function planHeader(
  def: CsvFileDef,
  header: string[],
  version: OneRosterVersion = '1.1',
): { plan: HeaderPlan; problems: HeaderProblem[] } {
  const byName = new Map(def.columns.map((c) => [c.name.toLowerCase(), c]));
  const used = new Set<CsvColumn>();
  const slots: Slot[] = [];
  const problems: HeaderProblem[] = [];
  const metadataNames = new Set<string>();
  const aliasesUsed: string[] = [];
  let sourcedIdIndex = -1;
  header.forEach((rawName, index) => {
    const name = rawName.trim();
    const alias = byName.has(name.toLowerCase()) ? undefined : aliasOf(def.file, name);
    const column = byName.get((alias ?? name).toLowerCase());
    if (column !== undefined && !used.has(column)) {
      used.add(column);
      if (alias !== undefined) aliasesUsed.push(`${name} → ${column.name}`);
      const legacyUserId = alias !== undefined && column.kind.type === 'userIds';
      slots.push({ index, kind: legacyUserId ? { type: 'userId', key: column.kind.key } : column.kind });
      if (column.name === 'sourcedId') sourcedIdIndex = index;
      return;
    }
    let path: string[];
    if (column !== undefined) {
      path = [`${column.name} (column ${index + 1})`];
      problems.push({
        column: name,
        severity: 'error',
        code: 'duplicate_column',
        message: `${def.file} has the column "${column.name}" more than once; the first one is used, the others are kept in metadata`,
      });
    } else if (/^metadata\./i.test(name) && name.length > 'metadata.'.length) {
      path = name.slice('metadata.'.length).split('.');
    } else if (isExtensionColumn(name)) {
      // Vendor extensions are expected; their values are kept in metadata under their own name.
      path = [name];
    } else {
      path = [name === '' ? `column ${index + 1}` : name];
      problems.push({
        column: name,
        severity: 'warning',
        code: 'unknown_column',
        message: `${def.file} has a column "${name}" that is not in the OneRoster ${version} CSV format; its values are kept in the record's metadata`,
      });
    }
    const key = path.join('.');
    if (metadataNames.has(key))
      path = [...path.slice(0, -1), `${path[path.length - 1]} (column ${index + 1})`];
    metadataNames.add(path.join('.'));
    slots.push({ index, metadataPath: path });
  });
  for (const c of def.columns) {
    if (c.required && !used.has(c) && isRequiredIn(version, def.file, c.name)) {
      problems.push({
        column: c.name,
        severity: 'error',
        code: 'missing_column',
        message:
          c.name === 'sourcedId'
            ? `${def.file} has no sourcedId column, so none of its rows can be imported as records (they are kept as rejected rows)`
            : `${def.file} has no "${c.name}" column, which OneRoster ${version} requires`,
      });
    }
  }
  const passwordIndex = header.findIndex((h) => h.trim().toLowerCase() === 'password');
  return { plan: { width: header.length, slots, sourcedIdIndex, passwordIndex, aliasesUsed }, problems };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function guidRef(
  id: string,
  refType: string,
  path: string,
): { href: string; sourcedId: string; type: string } {
  return { href: `/${path}/${encodeURIComponent(id)}`, sourcedId: id, type: refType };
}

const USER_ID = /\{([^{}:]*):([^{}]*)\}/g;

/** `{LDAP:12},{SIS:34}` → [{type, identifier}]; anything else is passed on as sent (the parser reports it). */
function parseUserIds(value: string): unknown {
  const out: Array<{ type: string; identifier: string }> = [];
  const rest = value.replace(USER_ID, (_m, type: string, identifier: string) => {
    out.push({ type: type.trim(), identifier: identifier.trim() });
    return '';
  });
  return rest.replace(/[\s,]/g, '') === '' ? out : value;
}

function convert(kind: ColumnKind, value: string): unknown {
  switch (kind.type) {
    case 'text':
      return value;
    case 'list':
      return splitList(value);
    case 'ref':
      return guidRef(value.trim(), kind.refType, kind.path);
    case 'refs':
      return splitList(value).map((id) => guidRef(id, kind.refType, kind.path));
    case 'userIds':
      return parseUserIds(value);
    case 'userId':
      return [{ type: 'userId', identifier: value.trim() }];
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next))
      node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[path[path.length - 1]!] = value;
}

/** Empty values mean "absent", as in the spec's CSV binding. */
export function rowToJson(plan: HeaderPlan, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let metadata: Record<string, unknown> | null = null;
  for (const slot of plan.slots) {
    const value = fields[slot.index];
    if (value === undefined || value === '') continue;
    if ('kind' in slot) out[slot.kind.key] = convert(slot.kind, value);
    else setPath((metadata ??= {}), slot.metadataPath, value);
  }
  if (metadata !== null) out.metadata = metadata;
  return out;
}

const REDACTED_TAIL = '[redacted: may hold a password]';

/**
 * The text of a row that could not be imported, safe to store: in a file with a password column, everything from
 * that column on is replaced, and when the row is too short to know where the password sits, all but the first
 * value. `passwordIndex` 'unknown' is for files whose header could not be read (users.csv).
 */
export function redactRowText(text: string, passwordIndex: number | 'unknown', width: number): string {
  if (passwordIndex === -1) return text;
  const values = text.split(',');
  if (passwordIndex === 'unknown' || values.length < width) return `${values[0] ?? ''},${REDACTED_TAIL}`;
  return [...values.slice(0, passwordIndex), REDACTED_TAIL].join(',');
}
