import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A private certificate authority made with openssl, as a district's web filter or an internal server would
 * have: a root CA, and a server certificate it signs for 127.0.0.1 / localhost. Only tests use it.
 */
export interface PrivateCa {
  /** The root certificate (PEM file): what a user would add as the profile's CA file. */
  caFile: string;
  caPem: string;
  /** The server's key and certificate (leaf, signed by the root). */
  key: string;
  cert: string;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

export function makePrivateCa(dir: string, caName = 'Springfield USD Web Filter Root CA'): PrivateCa {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-days',
      '2',
      '-subj',
      `/O=Springfield USD/CN=${caName}`,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', ...ec, '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr'], dir);
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      'server.ext',
      '-out',
      'server.pem',
    ],
    dir,
  );
  return {
    caFile: join(dir, 'ca.pem'),
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    key: readFileSync(join(dir, 'server.key'), 'utf8'),
    cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
  };
}

/** A self-signed server certificate for 127.0.0.1 (a broken server setup, not an authority anyone trusts). */
export function makeSelfSigned(dir: string): { key: string; cert: string } {
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
    ],
    dir,
  );
  return {
    key: readFileSync(join(dir, 'self.key'), 'utf8'),
    cert: readFileSync(join(dir, 'self.pem'), 'utf8'),
  };
}
