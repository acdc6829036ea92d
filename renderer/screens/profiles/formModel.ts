import type { z } from 'zod';
import { ProfileDraft, type Profile } from '../../../shared/profiles/profile';

/** The profile form as strings (what inputs hold), and its mapping to and from a ProfileDraft. */
export type AuthChoice = 'oauth1-sha256' | 'oauth1-sha1' | 'oauth2';

export interface FormValues {
  name: string;
  baseUrl: string;
  clientId: string;
  auth: AuthChoice;
  tokenUrl: string;
  scope: string;
  pageSize: string;
  concurrency: string;
  timeoutSec: string;
  /** Optional Canvas connection: both empty = none. */
  canvasBaseUrl: string;
  canvasRootAccountId: string;
  /** IANA zone; '' = this computer's. */
  timeZone: string;
  proxyMode: ProxyChoice;
  proxyUrl: string;
  /** Extra trusted CA (PEM) file path; '' = none. */
  caFile: string;
}

export type ProxyChoice = 'auto' | 'none' | 'manual';

export const PROXY_OPTIONS: readonly { value: ProxyChoice; label: string; help: string }[] = [
  { value: 'auto', label: 'System', help: "Automatic: this computer's proxy settings" },
  { value: 'none', label: 'None', help: 'Connect directly' },
  { value: 'manual', label: 'Manual', help: 'A proxy address you enter' },
];

export type FieldName = keyof FormValues | 'secret' | 'canvasToken';
export type FieldErrors = Partial<Record<FieldName, string>>;

export const AUTH_OPTIONS: readonly { value: AuthChoice; label: string; help: string }[] = [
  { value: 'oauth1-sha256', label: 'OAuth 1.0a · SHA-256', help: 'HMAC-SHA256, most providers' },
  { value: 'oauth1-sha1', label: 'OAuth 1.0a · SHA-1', help: 'HMAC-SHA1, older providers' },
  { value: 'oauth2', label: 'OAuth 2', help: 'Client credentials, token URL' },
];

export function emptyValues(): FormValues {
  return {
    name: '',
    baseUrl: '',
    clientId: '',
    auth: 'oauth1-sha256',
    tokenUrl: '',
    scope: '',
    pageSize: '1000',
    concurrency: '4',
    timeoutSec: '30',
    canvasBaseUrl: '',
    canvasRootAccountId: '',
    timeZone: '',
    proxyMode: 'auto',
    proxyUrl: '',
    caFile: '',
  };
}

export function valuesFromProfile(profile: Profile): FormValues {
  const { oneroster } = profile;
  const auth = oneroster.auth;
  return {
    name: profile.name,
    baseUrl: oneroster.baseUrl,
    clientId: oneroster.clientId,
    auth:
      auth.kind === 'oauth2'
        ? 'oauth2'
        : auth.signatureMethod === 'HMAC-SHA1'
          ? 'oauth1-sha1'
          : 'oauth1-sha256',
    tokenUrl: auth.kind === 'oauth2' ? auth.tokenUrl : '',
    scope: auth.kind === 'oauth2' ? auth.scope : '',
    pageSize: String(oneroster.pageSize),
    concurrency: String(oneroster.concurrency),
    timeoutSec: String(Math.round(oneroster.timeoutMs / 1000)),
    canvasBaseUrl: profile.canvas?.baseUrl ?? '',
    canvasRootAccountId: profile.canvas?.rootAccountId ?? '',
    timeZone: profile.timeZone ?? '',
    proxyMode: profile.network?.proxy.mode ?? 'auto',
    proxyUrl: profile.network?.proxy.mode === 'manual' ? profile.network.proxy.url : '',
    caFile: profile.network?.caFile ?? '',
  };
}

function toNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** No Canvas URL and no root account id: the district has no Canvas connection (it stays optional). */
function canvasFromValues(values: FormValues): ProfileDraft['canvas'] {
  const baseUrl = values.canvasBaseUrl.trim().replace(/\/+$/, '');
  const rootAccountId = values.canvasRootAccountId.trim();
  if (baseUrl === '' && rootAccountId === '') return null;
  return { baseUrl, rootAccountId: rootAccountId === '' ? '1' : rootAccountId };
}

/** Automatic proxy and no extra CA is the default: stored as null (the system's settings). */
function networkFromValues(values: FormValues): ProfileDraft['network'] {
  const caFile = values.caFile.trim();
  if (values.proxyMode === 'auto' && caFile === '') return null;
  return {
    proxy:
      values.proxyMode === 'manual'
        ? { mode: 'manual', url: values.proxyUrl.trim() }
        : { mode: values.proxyMode },
    caFile: caFile === '' ? null : caFile,
  };
}

export function draftFromValues(values: FormValues, demo: boolean): ProfileDraft {
  return {
    canvas: canvasFromValues(values),
    timeZone: values.timeZone === '' ? null : values.timeZone,
    network: networkFromValues(values),
    name: values.name,
    demo,
    oneroster: {
      baseUrl: values.baseUrl.trim(),
      clientId: values.clientId,
      auth:
        values.auth === 'oauth2'
          ? { kind: 'oauth2', tokenUrl: values.tokenUrl.trim(), scope: values.scope.trim() }
          : { kind: 'oauth1', signatureMethod: values.auth === 'oauth1-sha1' ? 'HMAC-SHA1' : 'HMAC-SHA256' },
      pageSize: toNumber(values.pageSize),
      concurrency: toNumber(values.concurrency),
      timeoutMs: toNumber(values.timeoutSec) * 1000,
    },
  };
}

const PATH_TO_FIELD: Record<string, keyof FormValues> = {
  name: 'name',
  'oneroster.baseUrl': 'baseUrl',
  'oneroster.clientId': 'clientId',
  'oneroster.auth.tokenUrl': 'tokenUrl',
  'oneroster.auth.scope': 'scope',
  'oneroster.pageSize': 'pageSize',
  'oneroster.concurrency': 'concurrency',
  'oneroster.timeoutMs': 'timeoutSec',
  'canvas.baseUrl': 'canvasBaseUrl',
  'canvas.rootAccountId': 'canvasRootAccountId',
  timeZone: 'timeZone',
  'network.proxy.url': 'proxyUrl',
  'network.caFile': 'caFile',
};

/** Number fields get one clear sentence instead of zod's type-level wording. */
const NUMBER_MESSAGES: Partial<Record<keyof FormValues, string>> = {
  pageSize: 'Enter a whole number from 1 to 50,000',
  concurrency: 'Enter a whole number from 1 to 32',
  timeoutSec: 'Enter a whole number of seconds from 1 to 600',
};

const URL_MESSAGES: Partial<Record<keyof FormValues, string>> = {
  tokenUrl: 'Enter the full token URL, e.g. https://launchpad.classlink.com/oauth2/v2/token',
};

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = PATH_TO_FIELD[issue.path.map(String).join('.')] ?? 'name';
    if (errors[field]) continue;
    errors[field] = NUMBER_MESSAGES[field] ?? URL_MESSAGES[field] ?? issue.message;
  }
  return errors;
}

/** Zod validation of the draft (the same schema main uses), as per-field messages. */
export function validate(values: FormValues, demo: boolean): { draft: ProfileDraft; errors: FieldErrors } {
  const draft = draftFromValues(values, demo);
  const parsed = ProfileDraft.safeParse(draft);
  return { draft, errors: parsed.success ? {} : fieldErrorsOf(parsed.error) };
}

/** The zones offered in the form: what this runtime knows, plus the saved one if it is not among them. */
export function timeZoneChoices(saved: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return saved !== '' && !zones.includes(saved) ? [saved, ...zones] : zones;
}

export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
