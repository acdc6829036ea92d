import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** A recognisable secret no real text contains, so a leak check cannot pass by accident. */
export function fakeSecret(label = 'secret'): string {
  return `${label}-${randomUUID()}-Zq8!x`;
}

/** Unique per test run, so parallel test files never share keychain entries. */
export function testProfileId(): string {
  return `test-${randomUUID()}`;
}

/** Every form in which a stored secret could end up in a file: raw, URL-encoded, base64. */
export function leakForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
}

/** Paths of files under `dir` (recursively) whose bytes contain any form of `secret`. */
export function filesContaining(dir: string, secret: string): string[] {
  const forms = leakForms(secret).map((f) => Buffer.from(f));
  const hits: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        if (forms.some((f) => bytes.includes(f))) hits.push(path);
      }
    }
  };
  walk(dir);
  return hits;
}

/** All files under `dir`, relative, for asserting what was (not) written. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path, join(rel, name));
      else out.push(join(rel, name));
    }
  };
  walk(dir, '');
  return out.sort();
}
