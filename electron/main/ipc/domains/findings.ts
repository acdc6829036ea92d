import type { RecordView } from '../../../../shared/findings/views';
import { ServiceError } from '../../../../shared/errors';
import type { EntityRef, EntityType } from '../../../../shared/rules/finding';
import type { SnapshotCollection } from '../../../../shared/snapshots/collections';
import type { EvaluationCache, EvaluationView } from '../../../services/evaluate-cache';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

const COLLECTION_OF: Partial<Record<EntityType, SnapshotCollection>> = {
  org: 'orgs',
  academicSession: 'academicSessions',
  course: 'courses',
  class: 'classes',
  user: 'users',
  enrollment: 'enrollments',
  demographics: 'demographics',
};

/** Records a record points at, by field (the detail panel lists them). */
const REFERENCES: Partial<Record<EntityType, Array<[field: string, type: EntityType]>>> = {
  org: [['parentId', 'org']],
  academicSession: [['parentId', 'academicSession']],
  course: [['orgId', 'org']],
  class: [
    ['courseId', 'course'],
    ['schoolId', 'org'],
    ['termIds', 'academicSession'],
  ],
  user: [
    ['orgIds', 'org'],
    ['agentIds', 'user'],
  ],
  enrollment: [
    ['userId', 'user'],
    ['classId', 'class'],
    ['schoolId', 'org'],
  ],
};
const MAX_RELATED = 12;

function notEvaluated(): ServiceError {
  return new ServiceError(
    'not_evaluated',
    'This snapshot has not been evaluated in this session.',
    'Click “Evaluate” on the Findings screen to evaluate it again.',
  );
}

function labelOf(fields: Record<string, unknown>): string | null {
  const name = [fields.givenName, fields.familyName].filter((v) => typeof v === 'string' && v).join(' ');
  if (name) return name;
  for (const key of ['name', 'title']) if (typeof fields[key] === 'string' && fields[key]) return fields[key];
  return null;
}

export function findingHandlers(
  services: HandlerServices,
  cache: EvaluationCache,
): HandlerGroup<'findings:query' | 'findings:summary' | 'findings:detail'> {
  function requireView(profileId: string, snapshotId: string): EvaluationView {
    const view = cache.get(profileId, snapshotId);
    if (!view) throw notEvaluated();
    return view;
  }

  function recordView(snapshotId: string, ref: EntityRef): RecordView {
    const collection = COLLECTION_OF[ref.entityType];
    const stored = collection ? services.snapshots.getRecord(snapshotId, collection, ref.sourcedId) : null;
    // The normalised record only: raw feed data could hold a password.
    const fields = stored ? (stored.record as unknown as Record<string, unknown>) : null;
    return { ...ref, fields, label: fields ? labelOf(fields) : null };
  }

  return {
    'findings:query': async ({ profileId, snapshotId, ...query }) =>
      requireView(profileId, snapshotId).query(query),
    'findings:summary': async ({ profileId, snapshotId }) => {
      await requireProfile(services, profileId);
      let view = snapshotId === undefined ? cache.latest(profileId) : cache.get(profileId, snapshotId);
      if (view && services.snapshots.get(view.snapshotId) === null) {
        // The snapshot was deleted since: its evaluation goes too.
        cache.dropSnapshot(view.snapshotId);
        view = snapshotId === undefined ? cache.latest(profileId) : undefined;
      }
      const latest = services.snapshots.latestComplete(profileId);
      return {
        summary: view ? view.summary() : null,
        latestSnapshot: latest ? { id: latest.id, finishedAt: latest.finishedAt, label: latest.label } : null,
      };
    },
    'findings:detail': async ({ profileId, snapshotId, ref }) => {
      const view = requireView(profileId, snapshotId);
      const finding = view.find(ref.ruleId, ref.entityType, ref.sourcedId);
      if (!finding) {
        throw new ServiceError(
          'finding_not_found',
          'This finding is no longer in the list (its rule may have been muted, or it was fixed).',
          'Close the panel; the grid shows the current findings.',
        );
      }
      const record = recordView(snapshotId, finding);
      const refs = new Map<string, EntityRef>();
      const add = (r: EntityRef) => {
        const key = `${r.entityType}\u0000${r.sourcedId}`;
        if (
          r.sourcedId &&
          !refs.has(key) &&
          !(r.entityType === finding.entityType && r.sourcedId === finding.sourcedId)
        )
          refs.set(key, r);
      };
      for (const r of finding.related ?? []) add(r);
      for (const [field, entityType] of REFERENCES[finding.entityType] ?? []) {
        const value = record.fields?.[field];
        for (const id of Array.isArray(value) ? value : [value])
          if (typeof id === 'string') add({ entityType, sourcedId: id });
      }
      const related = [...refs.values()].slice(0, MAX_RELATED).map((r) => recordView(snapshotId, r));
      return { finding, record, related };
    },
  };
}
