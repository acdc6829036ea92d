import { parse } from 'csv-parse/sync';
import type { EntityRef } from '../../../shared/rules/finding';
import type { SyncMessage } from '../../../shared/sync/types';

/**
 * Canvas's messages mapped back to OneRoster records. processing_errors/warnings are `[file, message]` pairs with
 * no row; the downloadable error file (`sis_import_id,file,message,row`) has the row. A message is matched to its
 * error-file row by file + message, and the row to the plan row that produced it (`locate`).
 */
export type Locate = (file: string, row: number) => EntityRef | null;

export interface ErrorFileRow {
  file: string;
  message: string;
  row: number | null;
}

export const MAX_ERROR_FILE_MESSAGES = 10_000;

export function parseErrorFile(text: string): ErrorFileRow[] {
  const records = parse(text, {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    bom: true,
  }) as Array<Record<string, string | undefined>>;
  return records.map((r) => {
    const n = Number(r.row);
    return {
      file: r.file ?? '',
      message: r.message ?? '',
      row: r.row && Number.isInteger(n) && n > 0 ? n : null,
    };
  });
}

const key = (file: string, message: string) => `${file}\u0000${message}`;

export interface MappedMessages {
  errors: SyncMessage[];
  warnings: SyncMessage[];
  /** Every error-file row with its severity (when listed on the import) and entity. */
  fileMessages: SyncMessage[];
}

export function mapMessages(
  processingErrors: ReadonlyArray<readonly [string, string]>,
  processingWarnings: ReadonlyArray<readonly [string, string]>,
  errorFile: readonly ErrorFileRow[],
  locate: Locate | null,
): MappedMessages {
  const entity = (file: string, row: number | null) => (row !== null && locate ? locate(file, row) : null);
  const severityOf = new Map<string, SyncMessage['severity']>();
  for (const [f, m] of processingWarnings) severityOf.set(key(f, m), 'warning');
  for (const [f, m] of processingErrors) severityOf.set(key(f, m), 'error');
  const rowsByKey = new Map<string, number[]>();
  const fileMessages: SyncMessage[] = [];
  for (const r of errorFile) {
    if (r.row !== null) {
      const k = key(r.file, r.message);
      const list = rowsByKey.get(k);
      if (list) list.push(r.row);
      else rowsByKey.set(k, [r.row]);
    }
    if (fileMessages.length < MAX_ERROR_FILE_MESSAGES) {
      fileMessages.push({
        severity: severityOf.get(key(r.file, r.message)) ?? 'message',
        file: r.file,
        message: r.message,
        row: r.row,
        entity: entity(r.file, r.row),
      });
    }
  }
  const mapList = (list: ReadonlyArray<readonly [string, string]>, severity: 'error' | 'warning') =>
    list.map(([file, message]): SyncMessage => {
      const row = rowsByKey.get(key(file, message))?.shift() ?? null;
      return { severity, file, message, row, entity: entity(file, row) };
    });
  return {
    errors: mapList(processingErrors, 'error'),
    warnings: mapList(processingWarnings, 'warning'),
    fileMessages,
  };
}
