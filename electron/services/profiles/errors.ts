import type { z } from 'zod';
import { ServiceError } from '../../../shared/errors';

/**
 * The profile failures, as ServiceErrors with facts in `detail` (what to do is worded at the edges:
 * electron/cli/hints.ts, electron/main/ipc/hints.ts).
 */
export function profileNotFound(what: string): ServiceError {
  return new ServiceError('profile_not_found', `No profile named or with id "${what}".`, {
    detail: { profile: what },
  });
}

export function profileNameTaken(name: string): ServiceError {
  return new ServiceError('profile_name_taken', `A profile named "${name}" already exists.`, {
    hint: 'Choose another name, or edit the existing profile.',
    detail: { profile: name },
  });
}

/** Field path ("oneroster.baseUrl") → plain message, for forms and for the CLI. */
export type FieldErrors = Record<string, string>;

/** `detail.fields` holds the FieldErrors. */
export function invalidProfile(fields: FieldErrors): ServiceError {
  const list = Object.entries(fields).map(([field, message]) => `${field}: ${message}`);
  return new ServiceError('invalid_profile', `The profile is not valid — ${list.join('; ')}.`, {
    hint: 'Correct the fields listed and save again.',
    detail: { fields },
  });
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'profile';
    fields[field] ??= issue.message;
  }
  return fields;
}

export function invalidProfileFromZod(error: z.ZodError): ServiceError {
  return invalidProfile(fieldErrorsFromZod(error));
}

/** profiles.json exists but cannot be understood; it is left untouched. */
export function profilesFileCorrupt(file: string, why: string): ServiceError {
  return new ServiceError('profiles_corrupt', `The profile list ${file} cannot be read: ${why}.`, {
    hint:
      'Preflight will not overwrite it. Fix the file (it is JSON), restore it from a backup, ' +
      'or move it away to start with an empty list.',
    detail: { file },
  });
}
