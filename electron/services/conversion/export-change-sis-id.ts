import { writeFile } from 'node:fs/promises';
import type { Profile } from '../../../shared/profiles/profile';
import { ServiceError } from '../../../shared/errors';
import { exportFileName, exportStem } from '../../../shared/report/file-names';
import { acceptedChangeSisIdRows, changeSisIdCsv } from './change-sis-id';
import type { ConversionEntry } from './session';

/**
 * change_sis_id.csv with the accepted remaps (what the sync would send), written where the user chose in the
 * save dialog. Nothing accepted yet is an expected failure with a hint, not an empty file.
 */
export async function exportChangeSisId(
  profile: Profile,
  entry: ConversionEntry,
  chooseFile: (suggestedName: string) => Promise<string | null>,
): Promise<{ path: string | null; rows: number }> {
  const rows = acceptedChangeSisIdRows(entry.result);
  if (rows.length === 0) {
    throw new ServiceError(
      'nothing_to_export',
      'No remap has been accepted yet, so change_sis_id.csv would be empty.',
      'Open Remap review and accept the proposals you agree with (one by one or in bulk), then export again.',
    );
  }
  const path = await chooseFile(
    exportFileName('change-sis-id', exportStem(profile.name, new Date().toISOString())),
  );
  if (path === null) return { path: null, rows: 0 };
  try {
    await writeFile(path, changeSisIdCsv(rows), 'utf8');
  } catch (err) {
    throw new ServiceError(
      'export_failed',
      `change_sis_id.csv could not be written (${(err as NodeJS.ErrnoException).code ?? 'write error'}).`,
      'Choose another folder you can write to, and export again.',
    );
  }
  return { path, rows: rows.length };
}
