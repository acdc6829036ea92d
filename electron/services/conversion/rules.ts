import { normaliseFindings, type EntityRef, type Finding } from '../../../shared/rules/finding';
import { nameKey } from './index-baseline';
import { decisionOf, resolvedCanvasId, type Match } from './model';
import { canvasSide, drops, threshold } from './rules-canvas';
import { finding, type RulesInput } from './rules-common';

export type { RulesInput } from './rules-common';

/**
 * CNV-* findings (docs/rules.md "Conversion") from the matches under the proposed view: pending proposals count as
 * the remap they propose (their CNV-*-REMAP warning asks for a decision); rejected ones fall back to a create,
 * which can then claim a login or duplicate a course. Planned-side findings name the OneRoster record,
 * Canvas-side ones the Canvas object by its SIS id; `related` links both sides.
 */

const CANVAS_ENTITY = {
  users: 'canvasUser',
  accounts: 'canvasAccount',
  terms: 'canvasTerm',
  courses: 'canvasCourse',
  sections: 'canvasSection',
} as const;
const REMAP_RULE = {
  users: 'CNV-USER-REMAP',
  accounts: 'CNV-ACCOUNT-REMAP',
  terms: 'CNV-TERM-REMAP',
  courses: 'CNV-COURSE-REMAP',
  sections: 'CNV-COURSE-REMAP',
} as const;
const LABEL = {
  users: 'user',
  accounts: 'sub-account',
  terms: 'term',
  courses: 'course',
  sections: 'section',
};

const canvasRef = (m: Match, canvasSisId: string | null): EntityRef[] =>
  canvasSisId ? [{ entityType: CANVAS_ENTITY[m.type], sourcedId: canvasSisId }] : [];

function matchFindings(input: RulesInput, m: Match, out: Finding[]): void {
  const label = LABEL[m.type];
  if (m.taken) {
    out.push(
      finding(
        'CNV-SISID-TAKEN',
        m.sourceEntity,
        m.source,
        `The ${label} SIS id ${m.plannedId} already belongs to ${m.taken.status === 'deleted' ? 'a deleted' : 'another'} Canvas ${label} "${m.taken.name}": the import would overwrite it.`,
        {
          type: m.type,
          plannedId: m.plannedId,
          canvasId: m.taken.canvasId,
          canvasName: m.taken.name,
          canvasStatus: m.taken.status,
        },
        [{ entityType: CANVAS_ENTITY[m.type], sourcedId: m.taken.sisId }],
      ),
    );
  }
  if (m.proposal && decisionOf(input.decisions, m.proposal.id) === 'pending') {
    const p = m.proposal;
    out.push(
      finding(
        REMAP_RULE[m.type],
        m.sourceEntity,
        m.source,
        `Canvas ${label} "${m.canvasName}" (SIS id ${p.oldId}) matches by ${p.matchKey}: rename it to ${p.newId} to keep it.`,
        {
          proposals: [
            {
              id: p.id,
              type: p.type,
              oldId: p.oldId,
              newId: p.newId,
              matchKey: p.matchKey,
              confidence: p.confidence,
              canvasId: p.canvasId,
            },
          ],
        },
        canvasRef(m, p.oldId),
      ),
    );
  }
  if (m.hint) {
    out.push(
      finding(
        'CNV-USER-REMAP',
        m.sourceEntity,
        m.source,
        `Canvas user "${m.hint.name}"${m.hint.canvasSisId ? ` (SIS id ${m.hint.canvasSisId})` : ''} has the same name in the same school: check by hand (not proposed).`,
        {
          proposals: [],
          hint: {
            matchKey: m.hint.key,
            confidence: 'low',
            canvasId: m.hint.canvasId,
            canvasSisId: m.hint.canvasSisId,
          },
        },
        m.hint.canvasSisId ? [{ entityType: 'canvasUser', sourcedId: m.hint.canvasSisId }] : [],
      ),
    );
  }
  if (m.ambiguous) {
    const a = m.ambiguous;
    const rule = m.type === 'users' ? 'CNV-USER-AMBIGUOUS' : REMAP_RULE[m.type];
    const message = a.plannedIds
      ? `Canvas ${label} ${a.sisIds[0] || a.canvasIds[0]} matches several planned ${label}s by ${a.key} (${a.plannedIds.join(', ')}): not remapped.`
      : `${a.canvasIds.length} Canvas ${label}s match by ${a.key} (${a.sisIds.map((s, i) => s || `canvas ${a.canvasIds[i]}`).join(', ')}): not remapped.`;
    out.push(
      finding(
        rule,
        m.sourceEntity,
        m.source,
        message,
        {
          ambiguous: {
            type: m.type,
            matchKey: a.key,
            canvasIds: a.canvasIds,
            sisIds: a.sisIds,
            plannedIds: a.plannedIds ?? [],
          },
          proposals: [],
        },
        a.sisIds.filter(Boolean).map((s) => ({ entityType: CANVAS_ENTITY[m.type], sourcedId: s })),
      ),
    );
  }
}

function loginClaimed(input: RulesInput, out: Finding[]): void {
  const { index, proposed } = input;
  input.plan.users.forEach((u, i) => {
    const m = input.matches.users[i]!;
    if (!u.login_id) return;
    const own = resolvedCanvasId(m, input.decisions, 'proposed');
    const holders = (index.users.byLogin.get(nameKey(u.login_id)) ?? []).filter(
      (l) => l.canvas_user_id !== own && !proposed.claimed.users.has(l.canvas_user_id),
    );
    const h = holders[0];
    if (!h) return;
    out.push(
      finding(
        'CNV-LOGIN-CLAIMED',
        'user',
        u.source,
        `Login "${u.login_id}" belongs to Canvas user "${h.full_name}" (${h.user_id ? `SIS id ${h.user_id}` : `Canvas id ${h.canvas_user_id}`}): Canvas would skip this user.`,
        {
          loginId: u.login_id,
          canvasId: h.canvas_user_id,
          canvasSisId: h.user_id,
          rejectedProposal: m.proposal?.id ?? null,
        },
        h.user_id ? [{ entityType: 'canvasUser', sourcedId: h.user_id }] : [],
      ),
    );
  });
}

function termDates(input: RulesInput, out: Finding[]): void {
  input.plan.terms.forEach((t, i) => {
    const id = resolvedCanvasId(input.matches.terms[i]!, input.decisions, 'proposed');
    const c = id === null ? undefined : input.index.termByCanvasId.get(id);
    if (!c) return;
    const planned = [t.start_date.slice(0, 10), t.end_date.slice(0, 10)];
    const canvas = [c.start_date.slice(0, 10), c.end_date.slice(0, 10)];
    if (planned[0] === canvas[0] && planned[1] === canvas[1]) return;
    const clears = (planned[0] === '' && canvas[0] !== '') || (planned[1] === '' && canvas[1] !== '');
    out.push(
      finding(
        'CNV-TERM-DATES',
        'academicSession',
        t.source,
        `Term "${t.name}" runs ${planned.join(' – ') || 'without dates'} in the plan but ${canvas.join(' – ')} in Canvas${clears ? ': the empty dates would clear Canvas dates' : ''}.`,
        {
          planned: { start: t.start_date, end: t.end_date },
          canvas: { start: c.start_date, end: c.end_date },
          clears,
          canvasId: c.canvas_term_id,
        },
        c.term_id ? [{ entityType: 'canvasTerm', sourcedId: c.term_id }] : [],
      ),
    );
  });
}

function accountsMissing(input: RulesInput, out: Finding[]): void {
  const coursesOf = new Map<string, number>();
  for (const c of input.plan.courses) coursesOf.set(c.account_id, (coursesOf.get(c.account_id) ?? 0) + 1);
  input.plan.accounts.forEach((a, i) => {
    const m = input.matches.accounts[i]!;
    if (m.taken || m.ambiguous || resolvedCanvasId(m, input.decisions, 'proposed') !== null) return;
    out.push(
      finding(
        'CNV-ACCOUNT-MISSING',
        'org',
        a.source,
        `School "${a.name}" has no sub-account in Canvas: the sync creates ${a.account_id} and ${coursesOf.get(a.account_id) ?? 0} courses land in it.`,
        {
          accountId: a.account_id,
          courses: coursesOf.get(a.account_id) ?? 0,
          rejectedProposal: m.proposal?.id ?? null,
        },
      ),
    );
  });
}

function courseDuplicates(input: RulesInput, out: Finding[]): void {
  const { index } = input;
  input.plan.courses.forEach((c, i) => {
    const m = input.matches.courses[i]!;
    if (resolvedCanvasId(m, input.decisions, 'proposed') !== null) return;
    const same = m.ambiguous?.canvasIds ?? (m.proposal && m.canvasId ? [m.canvasId] : []);
    const busy = same
      .map((id) => index.courseByCanvasId.get(id)!)
      .filter((k) => (index.activeByCourse.get(k.canvas_course_id) ?? 0) > 0);
    if (busy.length === 0) return;
    out.push(
      finding(
        'CNV-COURSE-DUPLICATE',
        m.sourceEntity,
        m.source,
        `A new course ${c.course_id} would be created beside "${busy[0]!.long_name}" (${busy[0]!.course_id}), which has ${index.activeByCourse.get(busy[0]!.canvas_course_id)} active enrollments.`,
        {
          courses: busy.map((k) => ({
            canvasId: k.canvas_course_id,
            sisId: k.course_id,
            activeEnrollments: index.activeByCourse.get(k.canvas_course_id) ?? 0,
          })),
        },
        busy.map((k) => ({ entityType: 'canvasCourse' as const, sourcedId: k.course_id })),
      ),
    );
  });
}

/** Same rule and record reported twice (a class's course and section): one finding, proposals joined. */
function merge(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.entityType}\u0000${f.sourcedId}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, f);
      continue;
    }
    const proposals = [
      ...((prev.detail?.proposals as unknown[]) ?? []),
      ...((f.detail?.proposals as unknown[]) ?? []),
    ];
    const related = [...(prev.related ?? []), ...(f.related ?? [])];
    byKey.set(key, {
      ...prev,
      message: `${prev.message} ${f.message}`,
      detail: { ...f.detail, ...prev.detail, proposals },
      ...(related.length ? { related } : {}),
    });
  }
  return [...byKey.values()];
}

export function conversionFindings(input: RulesInput): Finding[] {
  const out: Finding[] = [];
  for (const type of ['accounts', 'terms', 'users', 'courses', 'sections'] as const) {
    for (const m of input.matches[type]) matchFindings(input, m, out);
  }
  loginClaimed(input, out);
  termDates(input, out);
  accountsMissing(input, out);
  courseDuplicates(input, out);
  canvasSide(input, out);
  drops(input, out);
  threshold(input, out);
  return normaliseFindings(merge(out));
}
