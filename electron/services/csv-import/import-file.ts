import { Transform, type Readable } from 'node:stream';
import { prepareRecords } from '../snapshots/prepare';
import { tableSpec } from '../snapshots/tables';
import type { CsvFileDef } from './columns';
import { readCsvRows, type CsvReadStats, type CsvRow } from './csv-rows';
import type { ProblemList } from './problems';
import { pluralise } from '../../../shared/text/vocabulary';
import { planHeader, redactRowText, rowToJson, type HeaderPlan } from './row-to-json';
import { csvLayoutJson, storableAsLine } from './stored-row';
import {
  applySemantics,
  zeroSemanticsCounts,
  type RowSemantics,
  type SemanticsCounts,
} from './row-semantics';
import type { ImportWrites } from './import-writes';

/** What was read; how many rows were stored or were duplicates the writes tell (ImportWrites.added). */
export interface FileImportStats {
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows kept in records_rejected: broken CSV, wrong column count, no sourcedId. */
  rejected: number;
  bytes: number;
}

/** What the file's header and rows showed about its dialect (for the snapshot's feed facts). */
export interface FileDialectStats {
  /** Columns read under their 1.1 name, e.g. "termSourcedId → termSourcedIds". */
  aliasesUsed: string[];
  semantics: SemanticsCounts;
  /** False when the file had no usable header row. */
  headerRead: boolean;
}

export interface FileImportContext {
  def: CsvFileDef;
  writes: ImportWrites;
  problems: ProblemList;
  /** Mode, version and 1.2 side files that decide what a row means (row-semantics.ts). */
  semantics: Omit<RowSemantics, 'collection'>;
  /** Filled in while reading. */
  dialect?: FileDialectStats;
  /** Called after every batch; throw from it to stop (cancellation). */
  onBatch(stats: FileImportStats): void;
}

/** Imports one CSV file of the bundle into the snapshot; never throws for bad content, only for I/O or cancel. */
export async function importCsvFile(input: Readable, ctx: FileImportContext): Promise<FileImportStats> {
  const { def, writes, problems } = ctx;
  const { file, collection } = def;
  const spec = tableSpec(collection);
  const stats: FileImportStats = { rows: 0, rejected: 0, bytes: 0 };
  // Counting through a transform (not a second 'data' listener) keeps backpressure and never drops a chunk.
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done) {
      stats.bytes += chunk.length;
      done(null, chunk);
    },
  });
  input.on('error', (err) => counted.destroy(err));
  input.pipe(counted);
  const readStats: CsvReadStats = { replacementCharLines: 0, firstReplacementLine: null };
  const dialect: FileDialectStats = { aliasesUsed: [], semantics: zeroSemanticsCounts(), headerRead: false };
  ctx.dialect = dialect;
  const rules: RowSemantics = { ...ctx.semantics, collection: def.collection };
  // 1.2 roles/profiles merged into a user are not in the row's text, so those raws stay JSON.
  const sideMerged = rules.side !== null && def.collection === 'users';
  let plan: HeaderPlan | null | undefined; // undefined: header not read yet; null: header unusable
  const reject = (text: string, line: number, code: string, message: string) => {
    const passwordIndex = plan ? plan.passwordIndex : def.collection === 'users' ? 'unknown' : -1;
    writes.reject(
      collection,
      redactRowText(text, passwordIndex, plan ? plan.width : 0),
      message,
      `${file}:${line}`,
    );
    stats.rejected++;
    problems.add({ file, line, severity: 'error', code, message });
  };

  const storeBatch = (batch: CsvRow[]) => {
    const records: Record<string, unknown>[] = [];
    const lineNumbers: number[] = [];
    // The row's text where it rebuilds the raw record exactly (stored-row.ts): smaller and cheaper than JSON.
    const lines: (string | null)[] = [];
    for (const row of batch) {
      if (plan === undefined) {
        plan = readHeader(def, row, problems, rules.version);
        dialect.headerRead = plan !== null;
        if (plan !== null) {
          dialect.aliasesUsed = plan.aliasesUsed;
          const header = row.fields ?? [];
          writes.layout(collection, csvLayoutJson({ header, version: rules.version, mode: rules.mode }));
        }
        continue;
      }
      stats.rows++;
      if (row.error !== undefined) {
        reject(
          row.text,
          row.line,
          row.error.code,
          `${file} line ${row.line}: ${row.error.message}; the row was not imported`,
        );
        continue;
      }
      if (row.warning !== undefined) {
        const { code, message } = row.warning;
        problems.add({
          file,
          line: row.line,
          severity: 'warning',
          code,
          message: `${file} line ${row.line}: ${message}`,
        });
      }
      if (plan === null) {
        reject(
          row.text,
          row.line,
          'bad_header',
          `${file} line ${row.line}: not imported because the file's header could not be read`,
        );
        continue;
      }
      const extra = row.fields.slice(plan.width);
      if (row.fields.length < plan.width || extra.some((v) => v.trim() !== '')) {
        const message = `${file} line ${row.line} has ${row.fields.length} values but the header has ${plan.width} columns; the row was not imported`;
        reject(row.text, row.line, 'column_count', message);
        continue;
      }
      if (extra.length > 0) {
        problems.add({
          file,
          line: row.line,
          severity: 'warning',
          code: 'extra_values',
          message: `${file} line ${row.line} has ${row.fields.length} values but the header has ${plan.width} columns; the extra empty values were ignored (check the row is not shifted)`,
        });
      }
      if (plan.sourcedIdIndex >= 0 && (row.fields[plan.sourcedIdIndex] ?? '').trim() === '') {
        problems.add({
          file,
          line: row.line,
          column: 'sourcedId',
          severity: 'error',
          code: 'no_sourced_id',
          message: `${file} line ${row.line} has no sourcedId; the row was kept as rejected`,
        });
      }
      const record = rowToJson(plan, row.fields);
      applySemantics(record, rules, dialect.semantics);
      records.push(record);
      lineNumbers.push(row.line);
      lines.push(row.warning === undefined && storableAsLine(record, sideMerged) ? row.text : null);
    }
    if (records.length > 0) {
      // Parsed, normalised and hashed here; only the inserts are left to the writes (maybe another thread).
      const batch = prepareRecords(spec, records, lines);
      stats.rejected += batch.rejected.length;
      writes.add(collection, batch, file, lineNumbers);
    }
  };

  writes.startFile(collection);
  try {
    for await (const batch of readCsvRows(counted, readStats)) {
      storeBatch(batch);
      await writes.settle();
      ctx.onBatch(stats);
    }
  } finally {
    writes.endFile();
    input.destroy();
  }

  if (plan === undefined) {
    problems.add({
      file,
      severity: 'warning',
      code: 'empty_file',
      message: `${file} is empty (not even a header row)`,
    });
  }
  if (readStats.replacementCharLines > 0) {
    problems.add({
      file,
      line: readStats.firstReplacementLine,
      severity: 'warning',
      code: 'not_utf8',
      message: `${file} is not valid UTF-8 (${pluralise(readStats.replacementCharLines, 'line')} affected); accented names may be garbled. Export the file as UTF-8`,
    });
  }
  return stats;
}

function readHeader(
  def: CsvFileDef,
  row: { line: number; fields?: string[]; error?: { message: string } },
  problems: ProblemList,
  version: RowSemantics['version'],
): HeaderPlan | null {
  if (row.fields === undefined) {
    problems.add({
      file: def.file,
      line: row.line,
      severity: 'error',
      code: 'bad_header',
      message: `${def.file}: the header row is not valid CSV (${row.error?.message ?? 'unreadable'}); no row of this file was imported`,
    });
    return null;
  }
  const { plan, problems: headerProblems } = planHeader(def, row.fields, version);
  for (const p of headerProblems) problems.add({ file: def.file, line: row.line, ...p });
  return plan;
}
