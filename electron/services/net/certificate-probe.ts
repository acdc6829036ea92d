import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import type { ProxyResolver } from './proxy';

/**
 * After a certificate error, what did the server (or whatever answered in its place) present? A TLS handshake
 * only (through the same proxy's CONNECT tunnel), certificate checks off for this probe alone, closed as soon
 * as the certificate is read: no HTTP request and nothing else reaches the server. Verify uses it to tell a
 * TLS-inspecting web filter (a valid certificate for the host, issued by an authority that is not public) from a
 * broken server certificate.
 */
export interface CertificateVerdict {
  kind: 'inspection' | 'server';
  /** The issuing authority as shown to the user ("O, CN"). */
  issuer: string;
  reason: string;
}

const FILTER_VENDORS =
  /zscaler|fortinet|fortigate|palo ?alto|sophos|securly|goguardian|lightspeed|contentkeeper|iboss|netskope|blue ?coat|symantec web|barracuda|smoothwall|linewize|deledao|cisco umbrella|forcepoint|mcafee web|websense|untangle|checkpoint|check point|watchguard|sonicwall/i;

function tunnel(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<Socket | null> {
  const proxy = new URL(proxyUrl);
  const headers: Record<string, string> = { host: `${host}:${port}` };
  if (proxy.username || proxy.password) {
    const auth = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(auth).toString('base64')}`;
  }
  const request = proxy.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    const req = request({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers,
      timeout: timeoutMs,
    });
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        resolve(null);
      }
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}

export async function probeCertificate(
  url: URL,
  resolveProxy: ProxyResolver,
  timeoutMs = 5000,
): Promise<tls.DetailedPeerCertificate | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const { proxyUrl } = await resolveProxy(url);
  const socket = proxyUrl === null ? undefined : await tunnel(proxyUrl, host, port, timeoutMs);
  if (socket === null) return null;
  return new Promise((resolve) => {
    const conn = tls.connect({
      ...(socket ? { socket } : { host, port }),
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => conn.destroy(), timeoutMs);
    conn.once('secureConnect', () => {
      const cert = conn.getPeerCertificate(true);
      clearTimeout(timer);
      conn.destroy();
      resolve(cert && cert.raw ? cert : null);
    });
    conn.once('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    conn.once('close', () => resolve(null));
  });
}

function nameOf(subject: tls.Certificate | undefined): string {
  if (!subject) return 'an unknown authority';
  const parts = [subject.O, subject.CN].flat().filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length > 0 ? parts.join(', ') : 'an unnamed authority';
}

let publicSubjects: Set<string> | null = null;
function isPublicRootName(issuer: string): boolean {
  publicSubjects ??= new Set(
    tls.rootCertificates.map((pem) => {
      try {
        return new X509Certificate(pem).subject;
      } catch {
        return '';
      }
    }),
  );
  return publicSubjects.has(issuer);
}

/** Classifies an untrusted certificate chain for `host` (null cert = nothing could be read). */
export function classifyCertificate(
  cert: tls.DetailedPeerCertificate,
  host: string,
  errno: string | undefined,
  now = Date.now(),
): CertificateVerdict {
  let top = cert;
  for (let i = 0; i < 10 && top.issuerCertificate && top.issuerCertificate !== top; i++)
    top = top.issuerCertificate;
  const issuer = nameOf(top === cert ? cert.issuer : top.subject);
  const selfSigned =
    cert.issuerCertificate === cert || JSON.stringify(cert.subject) === JSON.stringify(cert.issuer);
  if (new Date(cert.valid_to).getTime() < now || /EXPIRED/.test(errno ?? ''))
    return { kind: 'server', issuer, reason: `the certificate expired on ${cert.valid_to}` };
  if (new Date(cert.valid_from).getTime() > now)
    return { kind: 'server', issuer, reason: 'the certificate is not valid yet' };
  if (tls.checkServerIdentity(host.replace(/^\[|\]$/g, ''), cert) !== undefined)
    return {
      kind: 'server',
      issuer,
      reason: `the certificate was issued for another name (${cert.subject?.CN ?? '?'})`,
    };
  if (selfSigned) return { kind: 'server', issuer, reason: 'the server presents a self-signed certificate' };
  const topIssuer = new X509Certificate(top.raw).issuer;
  if (isPublicRootName(topIssuer))
    return { kind: 'server', issuer, reason: 'the server does not send its intermediate certificate' };
  const vendor = FILTER_VENDORS.test(issuer) ? ' (a web filter that inspects TLS)' : '';
  return {
    kind: 'inspection',
    issuer,
    reason: `the certificate is valid for this host but issued by ${issuer}${vendor}, an authority that is not publicly trusted`,
  };
}
