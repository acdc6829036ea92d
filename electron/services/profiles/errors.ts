import type { z } from 'zod';
import { ServiceError } from '../../../shared/errors';

export class ProfileNotFoundError extends ServiceError {
  constructor(what: string) {
    super(
      'profile_not_found',
      `No profile named or with id "${what}".`,
      'List profiles with `preflight profiles list`.',
    );
    this.name = 'ProfileNotFoundError';
  }
}

export class ProfileNameTakenError extends ServiceError {
  constructor(name: string) {
    super(
      'profile_name_taken',
      `A profile named "${name}" already exists.`,
      'Choose another name, or edit the existing profile.',
    );
    this.name = 'ProfileNameTakenError';
  }
}

/** Field path ("oneroster.baseUrl") → plain message, for forms and for the CLI. */
export type FieldErrors = Record<string, string>;

export class InvalidProfileError extends ServiceError {
  readonly fields: FieldErrors;

  constructor(fields: FieldErrors) {
    const list = Object.entries(fields).map(([field, message]) => `${field}: ${message}`);
    super(
      'invalid_profile',
      `The profile is not valid — ${list.join('; ')}.`,
      'Correct the fields listed and save again.',
    );
    this.name = 'InvalidProfileError';
    this.fields = fields;
  }

  static fromZod(error: z.ZodError): InvalidProfileError {
    const fields: FieldErrors = {};
    for (const issue of error.issues) {
      const field = issue.path.map(String).join('.') || 'profile';
      fields[field] ??= issue.message;
    }
    return new InvalidProfileError(fields);
  }
}

/** profiles.json exists but cannot be understood; it is left untouched. */
export class ProfilesFileCorruptError extends ServiceError {
  constructor(file: string, detail: string) {
    super(
      'profiles_corrupt',
      `The profile list ${file} cannot be read: ${detail}.`,
      'Preflight will not overwrite it. Fix the file (it is JSON), restore it from a backup, ' +
        'or move it away to start with an empty list.',
    );
    this.name = 'ProfilesFileCorruptError';
  }
}
