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

/** Objects by a key, kept current by `note` after a change (stale entries are filtered out on read). */
class Index<T extends object> {
  private readonly map = new Map<string, Set<T>>();
  constructor(
    private readonly key: (o: T) => string,
    rows: readonly T[],
  ) {
    for (const r of rows) this.note(r);
  }
  note(o: T): void {
    const k = this.key(o);
    let set = this.map.get(k);
    if (!set) this.map.set(k, (set = new Set()));
    set.add(o);
  }
  get(k: string): T[] {
    return [...(this.map.get(k) ?? [])].filter((o) => this.key(o) === k);
  }
}

export class LiveCanvas {
  /** Objects this import touched (batch mode keeps them). */
  readonly touched = new Set<object>();
  /** Fields edited in the Canvas UI, per object (tests set them; Canvas keeps them unless overridden). */
  readonly stuck: WeakMap<object, Set<string>>;
  private nextId: number;
  private readonly usersBySis: Index<BaselineUser>;
  private readonly usersByLogin: Index<BaselineUser>;
  private readonly usersByIntegration: Index<BaselineUser>;
  private readonly usersByCanvasId: Index<BaselineUser>;
  private readonly coursesBySis: Index<BaselineCourse>;
  private readonly coursesById: Index<BaselineCourse>;
  private readonly sectionsBySis: Index<BaselineSection>;
  private readonly enrollmentsByKey: Index<BaselineEnrollment>;

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
    this.nextId = ids.filter(Number.isFinite).reduce((a, b) => Math.max(a, b), 90_000_000) + 1;
    this.usersBySis = new Index((u) => u.user_id, rows.users);
    this.usersByLogin = new Index((u) => u.login_id.toLowerCase(), rows.users);
    this.usersByIntegration = new Index((u) => u.integration_id, rows.users);
    this.usersByCanvasId = new Index((u) => u.canvas_user_id, rows.users);
    this.coursesBySis = new Index((c) => c.course_id, rows.courses);
    this.coursesById = new Index((c) => c.canvas_course_id, rows.courses);
    this.sectionsBySis = new Index((s) => s.section_id, rows.sections);
    this.enrollmentsByKey = new Index(
      (e) => `${e.canvas_section_id}\u0000${e.canvas_user_id}\u0000${e.base_role_type || e.role}`,
      rows.enrollments,
    );
  }

  newId(): string {
    return String(this.nextId++);
  }

  /** Call after adding an object or changing one of its keys (SIS id, login id, integration id). */
  note(o: BaselineUser | BaselineCourse | BaselineSection | BaselineEnrollment | object): void {
    if ('login_id' in o) {
      this.usersBySis.note(o);
      this.usersByLogin.note(o);
      this.usersByIntegration.note(o);
      this.usersByCanvasId.note(o);
    } else if ('canvas_enrollment_id' in o) this.enrollmentsByKey.note(o);
    else if ('canvas_section_id' in o) this.sectionsBySis.note(o as BaselineSection);
    else if ('canvas_course_id' in o && 'short_name' in o) {
      this.coursesBySis.note(o);
      this.coursesById.note(o);
    }
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
    const all = this.coursesBySis.get(sis);
    return all.find((c) => c.status !== 'deleted') ?? all[0];
  }
  courseById(id: string): BaselineCourse | undefined {
    return this.coursesById.get(id)[0];
  }
  section(sis: string): BaselineSection | undefined {
    if (sis === '') return undefined;
    const all = this.sectionsBySis.get(sis);
    return all.find((s) => s.status !== 'deleted') ?? all[0];
  }
  /** A login (pseudonym) by SIS id, deleted ones included (they keep their SIS ids). */
  loginBySis(sis: string): BaselineUser | undefined {
    if (sis === '') return undefined;
    const all = this.usersBySis.get(sis);
    return all.find((u) => u.status !== 'deleted') ?? all[0];
  }
  activeLoginByLoginId(login: string): BaselineUser | undefined {
    return this.usersByLogin.get(login.toLowerCase()).find((u) => u.status !== 'deleted');
  }
  loginByIntegration(id: string): BaselineUser | undefined {
    return id === '' ? undefined : this.usersByIntegration.get(id)[0];
  }
  loginsOfUser(canvasUserId: string): BaselineUser[] {
    return this.usersByCanvasId.get(canvasUserId);
  }
  enrollment(canvasSectionId: string, canvasUserId: string, type: string): BaselineEnrollment | undefined {
    return this.enrollmentsByKey.get(`${canvasSectionId}\u0000${canvasUserId}\u0000${type}`)[0];
  }
}
