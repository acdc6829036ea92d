import type { BaselineAccount, BaselineTerm } from '../../../shared/canvas/baseline';
import type { Confidence, MatchKey, RemapEvidence } from '../../../shared/conversion/types';
import type { AccountRow, TermRow } from '../../../shared/plan/types';
import { assignLevel } from './assign';
import { datesKey, nameKey, type BaselineIndex } from './index-baseline';
import { baseMatch, makeProposal, sameText, type Match } from './model';

/**
 * Terms (same SIS id; else same name — with the same dates when several share the name —; else the same start
 * and end dates) and sub-accounts (same SIS id; else same name). A same-SIS-id holder counts as the same thing
 * unless it is deleted and its name differs (then it is a collision: CNV-SISID-TAKEN).
 */

interface Holder {
  canvasId: string;
  sisId: string;
  name: string;
  status: string;
}

function keepOrTaken(
  m: Match,
  holder: Holder | undefined,
  plausible: boolean,
  claimed: Set<string>,
): boolean {
  if (holder === undefined) return false;
  claimed.add(holder.canvasId);
  if (plausible) {
    Object.assign(m, {
      status: 'keep',
      canvasId: holder.canvasId,
      canvasSisId: holder.sisId,
      canvasName: holder.name,
      canvasStatus: holder.status,
      matchKey: 'sis_id',
    } satisfies Partial<Match>);
  } else {
    m.taken = { canvasId: holder.canvasId, sisId: holder.sisId, name: holder.name, status: holder.status };
  }
  return true;
}

function remap(
  m: Match,
  holder: Holder,
  type: 'term' | 'account',
  key: MatchKey,
  confidence: Confidence,
  ruleId: string,
  evidence?: RemapEvidence[],
): void {
  Object.assign(m, {
    status: 'remap',
    canvasId: holder.canvasId,
    canvasSisId: holder.sisId,
    canvasName: holder.name,
    canvasStatus: holder.status,
    matchKey: key,
  } satisfies Partial<Match>);
  m.proposal = makeProposal({
    type,
    oldId: holder.sisId,
    newId: m.plannedId,
    canvasId: holder.canvasId,
    source: m.source,
    name: m.name,
    matchKey: key,
    confidence,
    ruleId,
    ...(evidence ? { evidence } : {}),
  });
}

/** A term's name and dates (the day, as datesKey compares them) in Canvas beside the roster's. */
function termEvidence(c: BaselineTerm, t: TermRow): RemapEvidence[] {
  return [
    { field: 'name', canvas: c.name, roster: t.name },
    { field: 'start_date', canvas: c.start_date.slice(0, 10), roster: t.start_date.slice(0, 10) },
    { field: 'end_date', canvas: c.end_date.slice(0, 10), roster: t.end_date.slice(0, 10) },
    { field: 'sis_id', canvas: c.term_id, roster: t.source },
  ];
}

const termHolder = (t: BaselineTerm): Holder => ({
  canvasId: t.canvas_term_id,
  sisId: t.term_id,
  name: t.name,
  status: t.status,
});
const accountHolder = (a: BaselineAccount): Holder => ({
  canvasId: a.canvas_account_id,
  sisId: a.account_id,
  name: a.name,
  status: a.status,
});

// A Canvas object without an SIS id cannot be named in change_sis_id.csv (old_id is required).
const renamable = (h: { sisId: string }) => h.sisId !== '';

export function matchTerms(terms: readonly TermRow[], index: BaselineIndex): Match[] {
  const matches = terms.map((t) => baseMatch('terms', t.term_id, t.source, 'academicSession', t.name));
  const claimed = new Set<string>();
  let open: number[] = [];
  terms.forEach((t, i) => {
    const rows = index.termBySisId.get(t.term_id);
    const h = rows?.find((r) => r.status !== 'deleted') ?? rows?.[0];
    const sameDates =
      h !== undefined && datesKey(h.start_date, h.end_date) === datesKey(t.start_date, t.end_date);
    const plausible = h !== undefined && (h.status !== 'deleted' || sameText(h.name, t.name) || sameDates);
    if (!keepOrTaken(matches[i]!, h && termHolder(h), plausible, claimed)) open.push(i);
  });
  const byCanvas = (id: string) => termHolder(index.termByCanvasId.get(id)!);
  const nameCandidates = (t: TermRow) =>
    (index.termByName.get(nameKey(t.name)) ?? []).filter(
      (c) => !claimed.has(c.canvas_term_id) && renamable(termHolder(c)),
    );
  // Same name: when several share it, the one with the same dates.
  const byName = assignLevel(
    open,
    (i) => {
      const t = terms[i]!;
      const named = nameCandidates(t);
      const dated = named.filter(
        (c) => datesKey(c.start_date, c.end_date) === datesKey(t.start_date, t.end_date),
      );
      return (named.length > 1 && dated.length > 0 ? dated : named).map((c) => c.canvas_term_id);
    },
    claimed,
  );
  for (const [i, canvasId] of byName.assigned) {
    const t = terms[i]!;
    const c = index.termByCanvasId.get(canvasId)!;
    const dated = datesKey(c.start_date, c.end_date) === datesKey(t.start_date, t.end_date);
    remap(
      matches[i]!,
      byCanvas(canvasId),
      'term',
      dated ? 'name+dates' : 'name',
      dated ? 'high' : 'medium',
      'CNV-TERM-REMAP',
      termEvidence(c, t),
    );
  }
  open = byName.open;
  const byDates = assignLevel(
    open,
    (i) => {
      const t = terms[i]!;
      if (!t.start_date || !t.end_date) return [];
      return (index.termByDates.get(datesKey(t.start_date, t.end_date)) ?? [])
        .filter((c) => renamable(termHolder(c)))
        .map((c) => c.canvas_term_id);
    },
    claimed,
  );
  for (const [i, canvasId] of byDates.assigned) {
    const evidence = termEvidence(index.termByCanvasId.get(canvasId)!, terms[i]!);
    remap(matches[i]!, byCanvas(canvasId), 'term', 'dates', 'medium', 'CNV-TERM-REMAP', evidence);
  }
  for (const [i, a] of byName.ambiguous) markAmbiguous(matches, i, a, 'name', (id) => byCanvas(id).sisId);
  for (const [i, a] of byDates.ambiguous) markAmbiguous(matches, i, a, 'dates', (id) => byCanvas(id).sisId);
  return matches;
}

export function matchAccounts(accounts: readonly AccountRow[], index: BaselineIndex): Match[] {
  const matches = accounts.map((a) => baseMatch('accounts', a.account_id, a.source, 'org', a.name));
  const claimed = new Set<string>();
  const open: number[] = [];
  accounts.forEach((a, i) => {
    const rows = index.accountBySisId.get(a.account_id);
    const h = rows?.find((r) => r.status !== 'deleted') ?? rows?.[0];
    const plausible = h !== undefined && (h.status !== 'deleted' || sameText(h.name, a.name));
    if (!keepOrTaken(matches[i]!, h && accountHolder(h), plausible, claimed)) open.push(i);
  });
  const byCanvas = (id: string) => accountHolder(index.accountByCanvasId.get(id)!);
  const byName = assignLevel(
    open,
    (i) =>
      (index.accountByName.get(nameKey(accounts[i]!.name)) ?? [])
        .filter((c) => renamable(accountHolder(c)))
        .map((c) => c.canvas_account_id),
    claimed,
  );
  for (const [i, canvasId] of byName.assigned) {
    remap(matches[i]!, byCanvas(canvasId), 'account', 'name', 'high', 'CNV-ACCOUNT-REMAP');
  }
  for (const [i, a] of byName.ambiguous) markAmbiguous(matches, i, a, 'name', (id) => byCanvas(id).sisId);
  return matches;
}

export function markAmbiguous(
  matches: Match[],
  i: number,
  a: { canvasIds: string[]; rivals?: number[] },
  key: MatchKey,
  sisOf: (canvasId: string) => string,
): void {
  matches[i]!.ambiguous = {
    key,
    canvasIds: a.canvasIds,
    sisIds: a.canvasIds.map(sisOf),
    ...(a.rivals ? { plannedIds: a.rivals.map((j) => matches[j]!.plannedId) } : {}),
  };
}
