import type {
  BaselineAccount,
  BaselineCourse,
  BaselineEnrollment,
  BaselineSection,
  BaselineTerm,
  BaselineUser,
} from '../../../../shared/canvas/baseline';
import type { BaselineRows } from '../generate-baseline';

/**
 * The double's Canvas, as live objects an import changes in place (the same rows the read routes and reports
 * serve). Lookups are rebuilt once per import and kept up to date as rows are applied one by one, in Canvas's order.
 */

export type Message = [file: string, message: string, row: number];

export class LiveCanvas {
  /** Objects this import touched (batch mode keeps them). */
  readonly touched = new Set<object>();
  /** Fields edited in the Canvas UI, per object (tests set them; Canvas keeps them unless overridden). */
  readonly stuck: WeakMap<object, Set<string>>;
  private nextId: number;

  constructor(
    readonly rows: BaselineRows,
    stuck?: WeakMap<object, Set<string>>,
  ) {
    this.stuck = stuck ?? new WeakMap();
    const ids = [
      ...rows.accounts.map((a) => a.canvas_account_id),
      ...rows.courses.map((c) => c.canvas_course_id),
      ...rows.sections.map((s) => s.canvas_section_id),
      ...rows.users.map((u) => u.canvas_user_id),
      ...rows.terms.map((t) => t.canvas_term_id),
      ...rows.enrollments.map((e) => e.canvas_enrollment_id),
    ].map(Number);
    this.nextId = Math.max(90_000_000, ...ids.filter(Number.isFinite)) + 1;
  }

  newId(): string {
    return String(this.nextId++);
  }

  isStuck(o: object, field: string): boolean {
    return this.stuck.get(o)?.has(field) ?? false;
  }

  account(sis: string): BaselineAccount | undefined {
    return sis === '' ? undefined : this.rows.accounts.find((a) => a.account_id === sis);
  }
  term(sis: string): BaselineTerm | undefined {
    return sis === '' ? undefined : this.rows.terms.find((t) => t.term_id === sis);
  }
  course(sis: string): BaselineCourse | undefined {
    if (sis === '') return undefined;
    const all = this.rows.courses.filter((c) => c.course_id === sis);
    return all.find((c) => c.status !== 'deleted') ?? all[0];
  }
  courseById(id: string): BaselineCourse | undefined {
    return this.rows.courses.find((c) => c.canvas_course_id === id);
  }
  section(sis: string): BaselineSection | undefined {
    if (sis === '') return undefined;
    const all = this.rows.sections.filter((s) => s.section_id === sis);
    return all.find((s) => s.status !== 'deleted') ?? all[0];
  }
  /** A login (pseudonym) by SIS id, deleted ones included (they keep their SIS ids). */
  loginBySis(sis: string): BaselineUser | undefined {
    if (sis === '') return undefined;
    const all = this.rows.users.filter((u) => u.user_id === sis);
    return all.find((u) => u.status !== 'deleted') ?? all[0];
  }
  activeLoginByLoginId(login: string): BaselineUser | undefined {
    const k = login.toLowerCase();
    return this.rows.users.find((u) => u.status !== 'deleted' && u.login_id.toLowerCase() === k);
  }
  loginByIntegration(id: string): BaselineUser | undefined {
    return id === '' ? undefined : this.rows.users.find((u) => u.integration_id === id);
  }
  loginsOfUser(canvasUserId: string): BaselineUser[] {
    return this.rows.users.filter((u) => u.canvas_user_id === canvasUserId);
  }
  enrollment(canvasSectionId: string, canvasUserId: string, type: string): BaselineEnrollment | undefined {
    return this.rows.enrollments.find(
      (e) =>
        e.canvas_section_id === canvasSectionId &&
        e.canvas_user_id === canvasUserId &&
        (e.base_role_type || e.role) === type,
    );
  }
}
