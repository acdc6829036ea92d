import type { ConversionState } from '../../../../shared/ipc/channels/conversion';
import { openBaselineStore } from '../../../services/canvas-baseline';
import { exportChangeSisId } from '../../../services/conversion/export-change-sis-id';
import {
  findingsByRule,
  proposalFacets,
  selectObjects,
  selectProposals,
  type ObjectQuery,
} from '../../../services/conversion/query';
import type { ConversionEntry, ConversionSession } from '../../../services/conversion/session';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { requireProfile } from './profiles';

/** Shows the native "save" dialog for change_sis_id.csv (Electron's `dialog` in the app; a path in tests). */
export type SaveChangeSisId = (suggestedName: string) => Promise<string | null>;

export interface ConversionHandlerOptions {
  saveChangeSisId: SaveChangeSisId;
}

/** Sorted selections kept per conversion: paging through one must not sort 100k rows again. */
const SELECTIONS_KEPT = 8;

/** Terms batch mode can target: the plan's, then those only Canvas has (what-if: replace that term). */
function termChoices(entry: ConversionEntry): ConversionState['terms'] {
  const out = new Map<string, string>();
  const terms = entry.result.objects.filter((o) => o.type === 'terms');
  for (const o of terms) if (o.plannedId) out.set(o.plannedId, o.name);
  // A Canvas term whose remap is accepted takes the planned id (change_sis_id runs first): its old id is gone.
  const accepted = new Set(entry.result.proposals.filter((p) => p.decision === 'accepted').map((p) => p.id));
  for (const o of terms) {
    if (o.proposalId !== null && accepted.has(o.proposalId)) continue;
    if (o.canvasSisId && !out.has(o.canvasSisId)) out.set(o.canvasSisId, o.canvasName ?? o.name);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}

/**
 * conversion:* — adapters over the conversion session (services/conversion/session.ts): the classification of
 * every planned object against the baseline, remap decisions, the threshold simulation and change_sis_id.csv.
 * Here only paging and the screen's state shape.
 */
export function conversionHandlers(
  services: HandlerServices,
  session: ConversionSession,
  options: ConversionHandlerOptions,
): HandlerGroup<
  | 'conversion:summary'
  | 'conversion:objects'
  | 'conversion:proposals'
  | 'conversion:decide'
  | 'conversion:simulate'
  | 'conversion:exportChangeSisId'
> {
  const selections = new Map<string, unknown[]>();

  function memo<T>(key: string, compute: () => T[]): T[] {
    const hit = selections.get(key);
    if (hit) return hit as T[];
    const rows = compute();
    selections.set(key, rows);
    if (selections.size > SELECTIONS_KEPT) selections.delete(selections.keys().next().value as string);
    return rows;
  }

  async function requireEntry(profileId: string): Promise<ConversionEntry> {
    await requireProfile(services, profileId);
    return session.require(profileId);
  }

  return {
    'conversion:summary': async ({ profileId }) => {
      const profile = await requireProfile(services, profileId);
      const { snapshot, baseline } = session.inputs(profileId);
      const secrets = await services.vault.status(profileId);
      const entry = snapshot && baseline ? await session.current(profileId) : null;
      const state: ConversionState = {
        status: snapshot === null ? 'no_snapshot' : baseline === null ? 'no_baseline' : 'ready',
        snapshot: snapshot && { id: snapshot.id, at: snapshot.finishedAt ?? snapshot.startedAt },
        baseline: baseline ?? openBaselineStore(services.snapshots).latest(profileId),
        canvas: {
          configured: profile.canvas !== null,
          tokenStored: secrets['canvas.token'] === true,
          baseUrl: profile.canvas?.baseUrl ?? null,
        },
        importMode: entry?.importMode ?? services.settings.getImportMode(profileId),
        conversionId: entry?.id ?? null,
        summary: entry?.result.summary ?? null,
        findingsByRule: entry ? findingsByRule(entry.result) : {},
        terms: entry ? termChoices(entry) : [],
      };
      return state;
    },
    'conversion:objects': async ({ profileId, type, status, search, sort, offset, limit }) => {
      const entry = await requireEntry(profileId);
      const q: ObjectQuery = { type, status, search, sort };
      const rows = memo(`${entry.id}\u0000o\u0000${JSON.stringify(q)}`, () =>
        selectObjects(entry.result.objects, q),
      );
      return {
        conversionId: entry.id,
        total: rows.length,
        offset,
        rows: rows.slice(offset, offset + limit).map((o, i) => ({ ...o, index: offset + i })),
      };
    },
    'conversion:proposals': async ({ profileId, filter, offset, limit }) => {
      const entry = await requireEntry(profileId);
      const all = entry.result.proposals;
      const rows = memo(`${entry.id}\u0000p\u0000${JSON.stringify(filter)}`, () =>
        selectProposals(all, filter),
      );
      return {
        conversionId: entry.id,
        total: rows.length,
        offset,
        rows: rows.slice(offset, offset + limit).map((p, i) => ({ ...p, index: offset + i })),
        facets: proposalFacets(all),
      };
    },
    'conversion:decide': async ({ profileId, decision, ids, filter }) => {
      await requireProfile(services, profileId);
      return session.decide(profileId, decision, ids ? { ids } : { filter: filter ?? {} });
    },
    'conversion:simulate': async ({ profileId, importMode, save }) => {
      await requireProfile(services, profileId);
      return session.simulate(profileId, importMode, save);
    },
    'conversion:exportChangeSisId': async ({ profileId }) => {
      const profile = await requireProfile(services, profileId);
      return exportChangeSisId(profile, await session.require(profileId), options.saveChangeSisId);
    },
  };
}
