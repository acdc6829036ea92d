import { DEFAULT_MAPPING_OPTIONS, RuleSettings } from '../../shared/mapping/options';
import type { Finding, Severity, EntityType } from '../../shared/rules/finding';
import { ruleInfo } from '../../shared/rules/catalog';
import { entityKey, type EvaluationInput } from '../../electron/services/evaluate-cache';

export const NO_SETTINGS: RuleSettings = RuleSettings.parse({});

export function finding(
  ruleId: string,
  entityType: EntityType,
  sourcedId: string,
  o: Partial<Finding> = {},
): Finding {
  const info = ruleInfo(ruleId);
  return {
    ruleId,
    severity: info.severity as Severity,
    entityType,
    sourcedId,
    message: `${info.title}: ${sourcedId}`,
    remedy: info.remedy,
    ...o,
  };
}

/** An evaluation input with findings spread over two schools and the district (no school). */
export function evaluationOf(
  findings: Finding[],
  schoolOf: (f: Finding) => string | null = () => null,
): EvaluationInput {
  const byEntity = new Map<string, string>();
  for (const f of findings) {
    const s = schoolOf(f);
    if (s !== null) byEntity.set(entityKey(f.entityType, f.sourcedId), s);
  }
  return {
    profileId: 'p1',
    snapshotId: 's1',
    snapshotAt: '2026-09-01T10:00:00.000Z',
    evaluatedAt: '2026-09-01T10:01:00.000Z',
    durationMs: 1234,
    findings,
    failedModules: [],
    schools: {
      byEntity,
      names: new Map([
        ['sch-a', 'Adams Elementary'],
        ['sch-b', 'Baker High'],
      ]),
    },
    plan: {
      counts: {
        accounts: 2,
        terms: 2,
        courses: 10,
        sections: 10,
        users: 100,
        enrollments: 500,
        user_observers: 0,
      },
      skipped: [],
    },
    options: DEFAULT_MAPPING_OPTIONS,
  };
}

/** A deterministic mixed set: blockers, warnings and infos across users, classes, enrollments. */
export function mixedFindings(n: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const id = `u${String(i).padStart(6, '0')}`;
    switch (i % 5) {
      case 0:
        out.push(finding('USER-NO-USERNAME', 'user', id));
        break;
      case 1:
        out.push(finding('USER-NO-EMAIL', 'user', id));
        break;
      case 2:
        out.push(finding('ENR-NO-DATES', 'enrollment', `e${id}`, { detail: { field: 'beginDate' } }));
        break;
      case 3:
        out.push(finding('CLASS-NO-STUDENT', 'class', `c${id}`));
        break;
      default:
        out.push(finding('USER-DUP-EMAIL', 'user', id, { detail: { email: `shared${i % 7}@example.org` } }));
    }
  }
  return out;
}

export const schoolByParity = (f: Finding): string | null => {
  const digits = Number(f.sourcedId.replace(/\D/g, ''));
  if (f.entityType === 'class') return null;
  return digits % 2 === 0 ? 'sch-a' : 'sch-b';
};
