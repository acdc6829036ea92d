import { detailNumber, isServiceError, ServiceError } from '../../../../shared/errors';

/** 1.1 error envelope (docs/oneroster-dialects.md): `{statusInfoSet: [{imsx_codeMajor, imsx_severity, …}]}`. */
export type CodeMinor =
  | 'fullsuccess'
  | 'invalid_filter_field'
  | 'invalid_selection_field'
  | 'invalid_sort_field'
  | 'invaliddata'
  | 'unauthorisedrequest'
  | 'forbidden'
  | 'server_busy'
  | 'unknownobject'
  | 'unsupportedoperation'
  | 'internal_server_error';

export interface StatusInfo {
  imsx_codeMajor: 'success' | 'failure';
  imsx_severity: 'status' | 'warning' | 'error';
  imsx_description: string;
  imsx_CodeMinor: {
    imsx_codeMinorField: Array<{ imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: string }>;
  };
}

export function statusInfo(
  codeMinor: CodeMinor,
  description: string,
  severity: StatusInfo['imsx_severity'] = 'error',
): StatusInfo {
  return {
    imsx_codeMajor: severity === 'error' ? 'failure' : 'success',
    imsx_severity: severity,
    imsx_description: description,
    imsx_CodeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
      ],
    },
  };
}

/** A failed request (code `demo_provider_http`): detail holds the HTTP status, codeMinor and reply headers. */
export const API_ERROR = 'demo_provider_http';

export function apiError(
  status: number,
  codeMinor: CodeMinor,
  message: string,
  headers: Record<string, string> = {},
): ServiceError {
  return new ServiceError(API_ERROR, message, { detail: { status, codeMinor, headers } });
}

/** The reply for an apiError: its status, the statusInfoSet body and its headers; null for any other error. */
export function apiErrorReply(
  e: unknown,
): { status: number; body: string; headers: Record<string, string> } | null {
  if (!isServiceError(e, API_ERROR)) return null;
  const codeMinor = e.detail?.codeMinor as CodeMinor;
  const headers = (e.detail?.headers ?? {}) as Record<string, string>;
  const body = JSON.stringify({ statusInfoSet: [statusInfo(codeMinor, e.message)] });
  return { status: detailNumber(e, 'status') ?? 500, body, headers };
}

export const notFound = (what: string) => apiError(404, 'unknownobject', what);
export const badRequest = (codeMinor: CodeMinor, what: string) => apiError(400, codeMinor, what);
