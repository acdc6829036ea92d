import type { BaselineUser } from '../../../shared/canvas/baseline';
import type { Confidence, MatchKey, RemapEvidence } from '../../../shared/conversion/types';
import type { UserRow } from '../../../shared/plan/types';
import { distinctUsers, nameKey, type BaselineIndex } from './index-baseline';
import { baseMatch, makeProposal, sameText, type Match } from './model';

/**
 * Users (docs/mapping.md "Conversion"): same SIS id → keep when plausibly the same person (login, email
 * or full name agree; otherwise a collision); then integration_id, login (corroborated by name or email — a login
 * held by someone else is a claimed login, not a match), email: the first key with exactly one candidate not
 * already matched → remap. Keys are applied district-wide, strongest first, so one Canvas user is never given to
 * two OneRoster users; a Canvas user that is the only candidate of several users is ambiguous for all of them.
 * Finally a full-name match in the same school is a low-confidence hint, never a proposal.
 */

const fullName = (u: UserRow): string => `${u.first_name} ${u.last_name}`;
const canvasFull = (l: BaselineUser): string => l.full_name || `${l.first_name} ${l.last_name}`;

function samePerson(u: UserRow, l: BaselineUser): boolean {
  return (
    sameText(u.login_id, l.login_id) || sameText(u.email, l.email) || sameText(fullName(u), canvasFull(l))
  );
}

function corroborated(u: UserRow, l: BaselineUser): boolean {
  return sameText(u.email, l.email) || sameText(fullName(u), canvasFull(l));
}

/** What the reviewer compares: the Canvas login beside the roster user (sourcedId for the SIS id row). */
function userEvidence(u: UserRow, l: BaselineUser): RemapEvidence[] {
  const rows: RemapEvidence[] = [
    { field: 'login', canvas: l.login_id, roster: u.login_id },
    { field: 'email', canvas: l.email, roster: u.email },
    { field: 'name', canvas: canvasFull(l), roster: fullName(u) },
    { field: 'sis_id', canvas: l.user_id, roster: u.source },
  ];
  if (l.integration_id || u.integration_id)
    rows.push({ field: 'integration_id', canvas: l.integration_id, roster: u.integration_id });
  return rows;
}

interface Level {
  key: MatchKey;
  confidence: Confidence;
  lookup(u: UserRow): BaselineUser[] | undefined;
  accept(u: UserRow, l: BaselineUser): boolean;
}

/** The login row a remap renames: the one Canvas would have found (prefers a login carrying an SIS id). */
function loginFor(
  logins: readonly BaselineUser[],
  canvasId: string,
  prefer: (l: BaselineUser) => boolean,
): BaselineUser {
  const mine = logins.filter((l) => l.canvas_user_id === canvasId);
  return mine.find(prefer) ?? mine.find((l) => l.user_id !== '') ?? mine[0]!;
}

export interface UserMatchInput {
  users: readonly UserRow[];
  index: BaselineIndex;
  /** Planned user id → Canvas account ids of the schools they are enrolled in (for name hints). */
  schoolsOf: (userId: string) => ReadonlySet<string> | undefined;
}

export function matchUsers({ users, index, schoolsOf }: UserMatchInput): Match[] {
  const ix = index.users;
  const matches = users.map((u) => baseMatch('users', u.user_id, u.source, 'user', fullName(u)));
  const claimed = new Set<string>();
  const open: number[] = [];

  users.forEach((u, i) => {
    const m = matches[i]!;
    const holders = ix.bySisId.get(u.user_id);
    if (!holders?.length) {
      open.push(i);
      return;
    }
    const holder = holders.find((l) => l.status !== 'deleted') ?? holders[0]!;
    if (samePerson(u, holder)) {
      Object.assign(m, {
        status: 'keep',
        canvasId: holder.canvas_user_id,
        canvasSisId: holder.user_id,
        canvasName: canvasFull(holder),
        canvasStatus: holder.status,
        matchKey: 'sis_id',
      } satisfies Partial<Match>);
      claimed.add(holder.canvas_user_id);
    } else {
      m.taken = {
        canvasId: holder.canvas_user_id,
        sisId: holder.user_id,
        name: canvasFull(holder),
        status: holder.status,
      };
      claimed.add(holder.canvas_user_id);
    }
  });

  const levels: Level[] = [
    {
      key: 'integration_id',
      confidence: 'high',
      lookup: (u) => (u.integration_id ? ix.byIntegrationId.get(u.integration_id) : undefined),
      accept: () => true,
    },
    {
      key: 'login',
      confidence: 'high',
      lookup: (u) => (u.login_id ? ix.byLogin.get(nameKey(u.login_id)) : undefined),
      accept: corroborated,
    },
    {
      key: 'email',
      confidence: 'medium',
      lookup: (u) => (u.email ? ix.byEmail.get(nameKey(u.email)) : undefined),
      // change_sis_id needs an old SIS or integration id to name the login.
      accept: (_u, l) => l.user_id !== '' || l.integration_id !== '',
    },
  ];
  let pending = open;
  for (const level of levels) {
    const found = new Map<number, BaselineUser>();
    const next: number[] = [];
    for (const i of pending) {
      const u = users[i]!;
      const logins = (level.lookup(u) ?? []).filter(
        (l) => level.accept(u, l) && !claimed.has(l.canvas_user_id),
      );
      const candidates = distinctUsers(logins);
      if (candidates.length === 0) next.push(i);
      else if (candidates.length === 1)
        found.set(
          i,
          loginFor(logins, candidates[0]!, (l) => sameText(l.login_id, u.login_id)),
        );
      else {
        matches[i]!.ambiguous = {
          key: level.key,
          canvasIds: candidates,
          sisIds: candidates.map((c) => loginFor(logins, c, () => true).user_id),
        };
      }
    }
    // A Canvas user that is the only candidate of several OneRoster users goes to none of them.
    const byCanvas = new Map<string, number[]>();
    for (const [i, l] of found)
      byCanvas.set(l.canvas_user_id, [...(byCanvas.get(l.canvas_user_id) ?? []), i]);
    for (const [canvasId, idx] of byCanvas) {
      if (idx.length > 1) {
        for (const i of idx) {
          matches[i]!.ambiguous = {
            key: level.key,
            canvasIds: [canvasId],
            sisIds: [found.get(i)!.user_id],
            plannedIds: idx.map((j) => users[j]!.user_id),
          };
        }
        continue;
      }
      const i = idx[0]!;
      const u = users[i]!;
      const l = found.get(i)!;
      claimed.add(canvasId);
      const m = matches[i]!;
      Object.assign(m, {
        canvasId,
        canvasSisId: l.user_id,
        canvasName: canvasFull(l),
        canvasStatus: l.status,
        matchKey: level.key,
      } satisfies Partial<Match>);
      if (l.user_id === '' && level.key === 'login') {
        // Canvas adopts a login without an SIS id by its login_id (user_importer): nothing to rename.
        m.status = 'keep';
        continue;
      }
      m.status = 'remap';
      m.proposal = makeProposal({
        type: 'user',
        oldId: l.user_id,
        newId: u.user_id,
        oldIntegrationId: l.integration_id,
        newIntegrationId: u.integration_id,
        canvasId,
        source: u.source,
        name: fullName(u),
        matchKey: level.key,
        confidence: level.confidence,
        ruleId: 'CNV-USER-REMAP',
        evidence: userEvidence(u, l),
      });
    }
    pending = next;
  }

  for (const i of pending) {
    const u = users[i]!;
    const schools = schoolsOf(u.user_id);
    const logins = (ix.byName.get(nameKey(fullName(u))) ?? []).filter((l) => {
      if (claimed.has(l.canvas_user_id)) return false;
      const theirs = index.accountsOfUser.get(l.canvas_user_id);
      if (!schools?.size || !theirs?.size) return true;
      for (const a of theirs) if (schools.has(a)) return true;
      return false;
    });
    const candidates = distinctUsers(logins);
    if (candidates.length === 1) {
      const l = loginFor(logins, candidates[0]!, () => true);
      matches[i]!.hint = {
        key: 'name',
        canvasId: l.canvas_user_id,
        canvasSisId: l.user_id,
        name: canvasFull(l),
      };
    } else if (candidates.length > 1) {
      matches[i]!.ambiguous = {
        key: 'name',
        canvasIds: candidates,
        sisIds: candidates.map((c) => loginFor(logins, c, () => true).user_id),
      };
    }
  }
  return matches;
}
