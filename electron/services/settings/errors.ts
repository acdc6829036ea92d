import type { z } from 'zod';
import { ServiceError } from '../../../shared/errors';

/** Field paths and messages from a zod error, e.g. `roleMap.aide: Invalid input`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** Hint worded at the edges (settings_invalid in electron/cli/hints.ts, electron/main/ipc/hints.ts). */
export function invalidSettings(what: string, error: z.ZodError | string): ServiceError {
  return new ServiceError(
    'settings_invalid',
    `The ${what} are not valid: ${typeof error === 'string' ? error : describeZodError(error)}.`,
    { detail: { what } },
  );
}

export function settingsFileCorrupt(file: string, why: string): ServiceError {
  return new ServiceError(
    'settings_corrupt',
    `The settings file ${file} cannot be read (${why}). Nothing was changed.`,
    {
      hint: 'Fix the file by hand, or delete it to go back to the default mapping options and rule settings.',
      detail: { file },
    },
  );
}
