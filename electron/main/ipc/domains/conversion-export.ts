import { writeFile } from 'node:fs/promises';
import type { Profile } from '../../../../shared/profiles/profile';
import { ServiceError } from '../../../../shared/errors';
import { acceptedChangeSisIdRows, changeSisIdCsv } from '../../../services/conversion';
import type { ConversionEntry } from './conversion-cache';

/** "Springfield Public Schools" → "springfield-public-schools" (file names). */
function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'district'
  );
}

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
  const day = new Date().toISOString().slice(0, 10);
  const path = await chooseFile(`change_sis_id-${slug(profile.name)}-${day}.csv`);
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
