import { mulberry32 } from '../district/hash';

/** Misbehaviour a test or benchmark can switch on, live (docs/oneroster-dialects.md). */
export interface Faults {
  /** Added to every response. */
  latencyMs?: number;
  rate429?: { every?: number; probability?: number; retryAfterSec?: number; paths?: string[] };
  error5xx?: { probability: number; status?: number; paths?: string[] };
  /** Destroy the socket after half of the body was sent. */
  dropConnection?: { probability: number; paths?: string[] };
  /** Silently serve at most N records per page. */
  clampLimit?: number;
  omitTotalCount?: boolean;
  omitLinkHeader?: boolean;
  /** Envelope key per route, e.g. { '/students': 'students', '/terms/{id}': 'term' }. */
  envelopeKeys?: Record<string, string>;
  /** Paths answering 403 with a statusInfoSet. */
  forbidden?: string[];
  /** Paths answering 404 with a statusInfoSet. */
  notFound?: string[];
  /** Server clock offset: the Date header, OAuth timestamp check and token expiry use it. */
  clockSkewSec?: number;
  /** That page's body (path + offset query value) is cut short: broken JSON with a 200. */
  malformedJson?: { path: string; offset: number }[];
  /** Append a success/warning statusInfoSet to 200 collection bodies. */
  statusInfoWarningIn200?: boolean;
  /** Faults are pseudo-random but reproducible for a seed. */
  seed?: number;
}

/** What a request is, for matching `paths` lists: the path below the base, its template and the full path. */
export interface RequestPaths {
  rel: string;
  template: string;
  full: string;
}

/**
 * A pattern matches the path below the base path (`/students`), its route template (`/schools/{id}/classes`)
 * or the full path (`/oauth/token`); a trailing `*` matches by prefix. No list = every data path.
 */
export function pathMatches(patterns: readonly string[] | undefined, p: RequestPaths): boolean {
  if (!patterns) return true;
  return patterns.some((pat) => {
    if (pat.endsWith('*')) {
      const prefix = pat.slice(0, -1);
      return p.rel.startsWith(prefix) || p.full.startsWith(prefix);
    }
    return pat === p.rel || pat === p.template || pat === p.full;
  });
}

/** Same, but only explicit lists match (used for the token endpoint, which blanket faults leave alone). */
export function explicitlyMatches(patterns: readonly string[] | undefined, p: RequestPaths): boolean {
  return patterns !== undefined && pathMatches(patterns, p);
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: '429'; retryAfterSec: number | undefined }
  | { kind: '5xx'; status: number }
  | { kind: 'drop' };

/** Holds the current faults and the seeded random stream that decides, request by request. */
export class FaultEngine {
  private faults: Faults = {};
  private random: () => number = mulberry32(1);
  private counter429 = 0;

  constructor(initial: Faults = {}) {
    this.set(initial);
  }

  /** Replaces every fault (an empty object switches them off) and restarts the random stream. */
  set(f: Faults): void {
    this.faults = structuredClone(f);
    this.random = mulberry32(f.seed ?? 1);
    this.counter429 = 0;
  }

  get current(): Readonly<Faults> {
    return this.faults;
  }

  skewMs(): number {
    return (this.faults.clockSkewSec ?? 0) * 1000;
  }

  /** Gateway-level faults, decided before authentication. `isToken` = the OAuth 2 token endpoint. */
  decide(p: RequestPaths, isToken: boolean): FaultDecision {
    const m = isToken ? explicitlyMatches : pathMatches;
    const { rate429, error5xx, dropConnection } = this.faults;
    if (rate429 && m(rate429.paths, p)) {
      this.counter429++;
      const byCount =
        rate429.every !== undefined && rate429.every > 0 && this.counter429 % rate429.every === 0;
      const byChance = rate429.probability !== undefined && this.random() < rate429.probability;
      if (byCount || byChance) return { kind: '429', retryAfterSec: rate429.retryAfterSec };
    }
    if (error5xx && m(error5xx.paths, p) && this.random() < error5xx.probability) {
      return { kind: '5xx', status: error5xx.status ?? 500 };
    }
    if (dropConnection && m(dropConnection.paths, p) && this.random() < dropConnection.probability) {
      return { kind: 'drop' };
    }
    return { kind: 'none' };
  }

  isForbidden(p: RequestPaths): boolean {
    return explicitlyMatches(this.faults.forbidden, p);
  }

  isNotFound(p: RequestPaths): boolean {
    return explicitlyMatches(this.faults.notFound, p);
  }

  envelopeKey(p: RequestPaths, fallback: string): string {
    const keys = this.faults.envelopeKeys;
    if (!keys) return fallback;
    return keys[p.rel] ?? keys[p.template] ?? fallback;
  }

  malformedAt(p: RequestPaths, offset: number): boolean {
    return (this.faults.malformedJson ?? []).some(
      (m) => (m.path === p.rel || m.path === p.template) && m.offset === offset,
    );
  }
}
