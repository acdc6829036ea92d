import type { z } from 'zod';
import { ServiceError } from '../../../shared/errors';

/** Field paths and messages from a zod error, e.g. `roleMap.aide: Invalid input`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export class InvalidSettingsError extends ServiceError {
  constructor(what: string, error: z.ZodError | string) {
    super(
      'settings_invalid',
      `The ${what} are not valid: ${typeof error === 'string' ? error : describeZodError(error)}.`,
      'Fix the listed fields; `preflight mapping show --profile NAME` prints the current values with every option.',
    );
    this.name = 'InvalidSettingsError';
  }
}

export class SettingsFileCorruptError extends ServiceError {
  constructor(file: string, detail: string) {
    super(
      'settings_corrupt',
      `The settings file ${file} cannot be read (${detail}). Nothing was changed.`,
      'Fix the file by hand, or delete it to go back to the default mapping options and rule settings.',
    );
    this.name = 'SettingsFileCorruptError';
  }
}
