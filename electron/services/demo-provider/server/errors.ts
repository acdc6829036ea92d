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

/** A failed request: HTTP status plus the statusInfoSet body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly codeMinor: CodeMinor,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  body(): string {
    return JSON.stringify({ statusInfoSet: [statusInfo(this.codeMinor, this.message)] });
  }
}

export const notFound = (what: string) => new ApiError(404, 'unknownobject', what);
export const badRequest = (codeMinor: CodeMinor, what: string) => new ApiError(400, codeMinor, what);
