import { ServiceError } from '../../../shared/errors';
import { mapMessages, parseErrorFile, type ErrorFileRow, type Locate, type MappedMessages } from './messages';

/** What Canvas said about a finished import, before it is read and mapped back to records. */
export interface CanvasReport {
  processingErrors: ReadonlyArray<readonly [string, string]>;
  processingWarnings: ReadonlyArray<readonly [string, string]>;
  /** The error file's text; null without one (or when it could not be downloaded). */
  errorFile: string | null;
}

export interface ReadMessages extends MappedMessages {
  /** Rows in the error file. */
  fileRows: number;
  /** Why the error file could not be parsed; null when it was (or there was none). */
  unreadable: string | null;
}

/**
 * Reads Canvas's answer elsewhere (the app: the conversion thread, which builds the sync's files to locate rows
 * in): parsing a 10,000-row error file and locating its rows holds a thread for ~0.5 s on the large district.
 */
export type ReadCanvasMessages = (report: CanvasReport) => Promise<ReadMessages>;

/** Parses the error file and maps every message to its record (`locate` is called only for rows Canvas gave). */
export function readCanvasMessages(report: CanvasReport, locate: Locate | null): ReadMessages {
  let rows: ErrorFileRow[] = [];
  let unreadable: string | null = null;
  if (report.errorFile !== null) {
    try {
      rows = parseErrorFile(report.errorFile);
    } catch (e) {
      // The result stands without row numbers; the link still lets the user download the file.
      unreadable = e instanceof ServiceError ? e.message : String(e);
    }
  }
  const mapped = mapMessages(report.processingErrors, report.processingWarnings, rows, locate);
  return { ...mapped, fileRows: rows.length, unreadable };
}
