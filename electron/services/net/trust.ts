import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import { ServiceError } from '../../../shared/errors';

/**
 * Which certificate authorities a connection trusts: Node's bundled roots, plus extra PEM files (a profile's CA
 * file, NODE_EXTRA_CA_CERTS) and, in the app, the operating system's store, where districts install the root
 * of their TLS-inspecting web filter. The app reads NODE_EXTRA_CA_CERTS itself: its nodeOptions fuse is off,
 * so Electron ignores the variable.
 */
export interface TrustSettings {
  /** A profile's extra CA file (PEM, one or more certificates). */
  caFile?: string | null;
  /** Add the operating system's trust store (the app; Node ≥ 22.15 can read it). */
  systemStore?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface ExtraCaFile {
  path: string;
  source: 'profile' | 'NODE_EXTRA_CA_CERTS';
  certificates: number;
}

export interface Trust {
  /** What to pass as `ca`; undefined = Node's defaults. */
  ca: string[] | undefined;
  extraFiles: ExtraCaFile[];
  systemStore: 'used' | 'unavailable' | 'not used';
  /** One line for verify's report. */
  summary: string;
}

/** A CA file that cannot be used: named, with what to do, and never silently ignored. */
export function caFileError(path: string, source: ExtraCaFile['source'], why: string): ServiceError {
  return new ServiceError(
    'ERR_PREFLIGHT_CA_FILE',
    `The extra CA certificate file ${path} (${source === 'profile' ? "the profile's CA file" : source}) ${why}.`,
    { detail: { path, source } },
  );
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads a PEM file and checks that every block is a certificate Node can parse. */
export function readCaFile(path: string, source: ExtraCaFile['source']): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw caFileError(
      path,
      source,
      code === 'ENOENT' ? 'does not exist' : `could not be read (${code ?? 'error'})`,
    );
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw caFileError(
      path,
      source,
      'holds no PEM certificate ("-----BEGIN CERTIFICATE-----"); export the CA as Base-64/PEM',
    );
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw caFileError(path, source, 'holds a certificate that cannot be read');
    }
  }
  return blocks;
}

type GetCa = (type: 'system' | 'bundled' | 'default' | 'extra') => string[];

function systemCertificates(): string[] | null {
  const get = (tls as unknown as { getCACertificates?: GetCa }).getCACertificates;
  if (typeof get !== 'function') return null;
  try {
    return get('system');
  } catch {
    return null;
  }
}

export function loadTrust(settings: TrustSettings = {}): Trust {
  const env = settings.env ?? process.env;
  const extraFiles: ExtraCaFile[] = [];
  const extra: string[] = [];
  const add = (path: string, source: ExtraCaFile['source']): void => {
    const certs = readCaFile(path, source);
    extraFiles.push({ path, source, certificates: certs.length });
    extra.push(...certs);
  };
  const envFile = env.NODE_EXTRA_CA_CERTS?.trim();
  if (envFile) add(envFile, 'NODE_EXTRA_CA_CERTS');
  const profileFile = settings.caFile?.trim();
  if (profileFile) add(profileFile, 'profile');

  let systemStore: Trust['systemStore'] = 'not used';
  let system: string[] = [];
  if (settings.systemStore) {
    const found = systemCertificates();
    systemStore = found === null ? 'unavailable' : 'used';
    system = found ?? [];
  }
  const ca =
    extra.length > 0 || system.length > 0 ? [...tls.rootCertificates, ...system, ...extra] : undefined;
  const parts = ['bundled public CAs'];
  if (systemStore === 'used') parts.push('the operating system trust store');
  if (systemStore === 'unavailable')
    parts.push('(operating system trust store not readable by this runtime)');
  for (const f of extraFiles)
    parts.push(
      `${f.certificates} certificate${f.certificates === 1 ? '' : 's'} from ${f.path} (${f.source === 'profile' ? 'profile CA file' : f.source})`,
    );
  return { ca, extraFiles, systemStore, summary: parts.join(' + ') };
}
