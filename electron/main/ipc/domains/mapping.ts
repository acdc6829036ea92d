import type { MappingSource } from '../../../../shared/mapping/tree-views';
import { ServiceError } from '../../../../shared/errors';
import type { Plan } from '../../../../shared/plan/types';
import type { Finding } from '../../../../shared/rules/finding';
import type { EvaluationCache, EvaluationView } from '../../../services/evaluate-cache';
import { buildMappingTree, type MappingTree } from '../../../services/mapping-tree';
import { buildPlanInWorker } from '../../../services/evaluate/plan-thread';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';

type MappingChannels =
  'mapping:children' | 'mapping:search' | 'mapping:locate' | 'mapping:node' | 'mapping:terms';

/** The evaluations the tree is built from: the Findings screen's cache (latest per district + snapshot). */
export type MappingEvaluations = Pick<EvaluationCache, 'get' | 'latest'>;

const NO_FILTERS = { severity: [], ruleId: [], entityType: [], school: [], text: '' };

/**
 * The Mapping explorer's channels. The tree is indexed once per evaluation view (a new evaluation, or new rule
 * settings, is a new view) and kept beside it; every request is then a lookup.
 */
export function mappingHandlers(
  services: HandlerServices,
  evaluations: MappingEvaluations,
): HandlerGroup<MappingChannels> {
  const trees = new WeakMap<EvaluationView, MappingTree>();
  // The plan depends on the evaluation, not on rule settings: a settings change re-badges without re-planning.
  const plans = new WeakMap<object, Promise<Plan>>();

  function planOf(view: EvaluationView): Promise<Plan> {
    // Use the evaluator's own plan when the cache keeps it; otherwise plan again (deterministic: same plan), on a
    // worker thread: planning a large district takes seconds the main thread must not spend.
    if (view.input.canvasPlan) return Promise.resolve(view.input.canvasPlan);
    let plan = plans.get(view.input);
    if (!plan) {
      plan = buildPlanInWorker(services.snapshots.dbPath, view.snapshotId, view.input.options);
      plan.catch(() => plans.delete(view.input));
      plans.set(view.input, plan);
    }
    return plan;
  }

  async function treeFor(
    profileId: string,
    snapshotId: string | undefined,
  ): Promise<{ tree: MappingTree; source: MappingSource; view: EvaluationView }> {
    const view =
      snapshotId === undefined ? evaluations.latest(profileId) : evaluations.get(profileId, snapshotId);
    if (!view) {
      throw new ServiceError(
        'not_evaluated',
        snapshotId === undefined
          ? 'This district has not been evaluated yet, so there is no mapping to explore.'
          : 'This snapshot has not been evaluated in this session.',
        'Open Findings and run an evaluation; the mapping appears here when it finishes.',
      );
    }
    if (services.snapshots.get(view.snapshotId) === null) {
      throw new ServiceError(
        'snapshot_not_found',
        'The evaluated snapshot no longer exists.',
        'Pull the district again (or pick another snapshot) and evaluate it.',
      );
    }
    let tree = trees.get(view);
    if (!tree) {
      tree = buildMappingTree({
        plan: await planOf(view),
        findings: visibleFindings(view),
        store: services.snapshots,
      });
      trees.set(view, tree);
    }
    return {
      tree,
      view,
      source: { snapshotId: view.snapshotId, evaluatedAt: view.input.evaluatedAt, totalNodes: tree.size },
    };
  }

  return {
    'mapping:children': async ({ profileId, snapshotId, nodeId, offset, limit, onlyProblems }) => {
      const { tree, source } = await treeFor(profileId, snapshotId);
      return { source, ...tree.children(nodeId, offset, limit, onlyProblems) };
    },
    'mapping:search': async ({ profileId, snapshotId, text, limit, onlyProblems }) =>
      (await treeFor(profileId, snapshotId)).tree.search(text, limit, onlyProblems),
    'mapping:locate': async ({ profileId, snapshotId, entityType, sourcedId, onlyProblems }) => ({
      hit: (await treeFor(profileId, snapshotId)).tree.locate(entityType, sourcedId, onlyProblems),
    }),
    'mapping:node': async ({ profileId, snapshotId, nodeId }) =>
      (await treeFor(profileId, snapshotId)).tree.node(nodeId),
    'mapping:terms': async ({ profileId, snapshotId }) => {
      const { tree, source, view } = await treeFor(profileId, snapshotId);
      return { source, termMerge: view.input.options.termMerge, ...tree.terms() };
    },
  };
}

/** The findings as the user sees them: the district's mutes and severity overrides applied. */
function visibleFindings(view: EvaluationView): Finding[] {
  const page = view.query({ offset: 0, limit: Number.MAX_SAFE_INTEGER, sort: [], filters: NO_FILTERS });
  return page.rows.map(({ ruleId, severity, entityType, sourcedId, message, remedy, detail, related }) => ({
    ruleId,
    severity,
    entityType,
    sourcedId,
    message,
    remedy,
    ...(detail ? { detail } : {}),
    ...(related ? { related } : {}),
  }));
}
