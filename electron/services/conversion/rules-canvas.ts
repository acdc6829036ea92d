import { finding, type RulesInput } from './rules-common';
import type { Finding } from '../../../shared/rules/finding';

/** Canvas-side CNV rules: orphaned courses, crosslisted sections, merged users, dropped enrollments, thresholds. */

export function canvasSide(input: RulesInput, out: Finding[]): void {
  const { index, proposed, left } = input;
  for (const c of left.courses) {
    const active = index.activeByCourse.get(c.canvas_course_id) ?? 0;
    if (active === 0) continue;
    out.push(
      finding(
        'CNV-COURSE-ORPHAN',
        'canvasCourse',
        c.course_id || c.canvas_course_id,
        `Canvas course "${c.long_name}" (${c.course_id}) has ${active} active enrollments and nothing in the plan: batch or diffing imports would delete it.`,
        { canvasId: c.canvas_course_id, activeEnrollments: active, termId: c.term_id },
      ),
    );
  }
  for (const s of index.sections) {
    if (!s.canvas_nonxlist_course_id || s.status === 'deleted') continue;
    const m = proposed.matchOf.sections.get(s.canvas_section_id);
    const host = index.courseByCanvasId.get(s.canvas_course_id);
    if (m === undefined) {
      if (!s.created_by_sis) continue;
      out.push(
        finding(
          'CNV-XLIST',
          'canvasSection',
          s.section_id || s.canvas_section_id,
          `Crosslisted section "${s.name}" (in ${host?.course_id ?? s.canvas_course_id}) is not in the plan: batch or diffing imports would delete it.`,
          {
            canvasId: s.canvas_section_id,
            crosslistedInto: s.course_id,
            homeCourse: s.nonxlist_course_id,
            plannedCourse: null,
          },
        ),
      );
      continue;
    }
    const plannedCourse = input.plan.sections.find((p) => p.section_id === m.plannedId)?.course_id ?? '';
    if (proposed.canvasOf.courses.get(plannedCourse) === s.canvas_course_id) continue;
    out.push(
      finding(
        'CNV-XLIST',
        'canvasSection',
        s.section_id || s.canvas_section_id,
        `Crosslisted section "${s.name}" sits in ${s.course_id} but the plan puts it in ${plannedCourse}: the sync would move it back${input.importMode.overrideStickiness ? '' : ' (or leave it, if the crosslist was made in the UI: course_id is sticky)'}.`,
        {
          canvasId: s.canvas_section_id,
          crosslistedInto: s.course_id,
          homeCourse: s.nonxlist_course_id,
          plannedCourse,
        },
        [{ entityType: 'class', sourcedId: m.source }],
      ),
    );
  }
  for (const [canvasId, logins] of index.users.loginsOf) {
    const ids = logins.map((l) => l.user_id).filter(Boolean);
    if (logins.length < 2 || ids.length === 0) continue;
    const m = proposed.matchOf.users.get(canvasId);
    out.push(
      finding(
        'CNV-MULTI-LOGIN',
        'canvasUser',
        m?.plannedId ?? [...ids].sort()[0]!,
        `Canvas user "${logins[0]!.full_name}" has ${logins.length} logins (${logins.map((l) => l.login_id).join(', ')}).`,
        { canvasId, logins: logins.map((l) => ({ loginId: l.login_id, sisId: l.user_id })) },
        m ? [{ entityType: 'user', sourcedId: m.source }] : [],
      ),
    );
  }
}

export function drops(input: RulesInput, out: Finding[]): void {
  const { mode, dropStatus } = input.importMode;
  for (const g of input.drops) {
    const fate =
      mode === 'standard'
        ? 'a standard import leaves them as they are; batch or diffing would ' +
          (dropStatus === 'deleted' ? 'delete' : `mark them ${dropStatus}`)
        : `this ${mode} import would ${dropStatus === 'deleted' ? 'delete' : `mark ${dropStatus}`} them`;
    out.push(
      finding(
        'CNV-ENR-DROP',
        'canvasTerm',
        g.termSisId || (g.canvasTermId ? `canvas:${g.canvasTermId}` : 'default-term'),
        `${g.count} active SIS enrollments in this term are not in the plan: ${fate}.`,
        {
          count: g.count,
          byRole: g.byRole,
          examples: g.examples,
          canvasTermId: g.canvasTermId,
          importMode: mode,
          dropStatus,
        },
      ),
    );
  }
}

export function threshold(input: RulesInput, out: Finding[]): void {
  const sim = input.simulation;
  if (sim.exceeds.length === 0) return;
  const mode = sim.importMode;
  const what = sim.exceeds.map((t) => `${t} ${sim.percentages[t]} %`).join(', ');
  out.push(
    finding(
      'CNV-THRESHOLD',
      mode.mode === 'batch' ? 'canvasTerm' : 'canvasAccount',
      mode.mode === 'batch' ? mode.termId : mode.dataSetId || 'root',
      mode.mode === 'batch'
        ? `Batch import of ${mode.termId} would remove ${what} of its SIS objects, over change_threshold ${mode.changeThreshold} %: Canvas aborts it.`
        : `The diffing import changes ${what}, over change_threshold ${mode.changeThreshold} %: Canvas applies the whole file without diffing.`,
      {
        exceeds: sim.exceeds,
        percentages: sim.percentages,
        changeThreshold: mode.changeThreshold,
        mode: mode.mode,
      },
    ),
  );
}
