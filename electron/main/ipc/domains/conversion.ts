import type { ConversionState, ProposalFilter } from '../../../../shared/ipc/channels/conversion';
import type { ImportMode } from '../../../../shared/sync/import-mode';
import { ServiceError } from '../../../../shared/errors';
import { openBaselineStore } from '../../../services/canvas-baseline';
import { decide } from '../../../services/conversion';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import type { ConversionCache, ConversionEntry } from './conversion-cache';
import { exportChangeSisId } from './conversion-export';
import {
  findingsByRule,
  matchesProposal,
  proposalFacets,
  selectObjects,
  selectProposals,
  type ObjectQuery,
} from './conversion-query';
import { requireProfile } from './profiles';

/** Shows the native "save" dialog for change_sis_id.csv (Electron's `dialog` in the app; a path in tests). */
export type SaveChangeSisId = (suggestedName: string) => Promise<string | null>;

export interface ConversionHandlerOptions {
  saveChangeSisId: SaveChangeSisId;
}

/** Sorted selections kept per conversion: paging through one must not sort 100k rows again. */
const SELECTIONS_KEPT = 8;

function unavailable(): ServiceError {
  return new ServiceError(
    'conversion_unavailable',
    'There is nothing to compare yet: the district needs a complete snapshot and a Canvas baseline.',
    'Pull the district, then fetch or import what Canvas holds today on the Conversion screen.',
  );
}

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

function batchTermCheck(mode: ImportMode): void {
  if (mode.mode === 'batch' && mode.termId.trim() === '') {
    throw new ServiceError(
      'batch_term_required',
      'Batch mode works on one term, and no term was chosen.',
      'Pick the term whose courses, sections and enrollments the import replaces.',
    );
  }
}

/**
 * conversion:* — the classification of every planned object against the baseline, remap decisions, the
 * threshold simulation and change_sis_id.csv. `changed` runs after decisions or the import mode change (the
 * Findings screen's CNV-* findings follow).
 */
export function conversionHandlers(
  services: HandlerServices,
  cache: ConversionCache,
  options: ConversionHandlerOptions,
  changed: (profileId: string) => Promise<void>,
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
    const entry = await cache.current(profileId);
    if (entry === null) throw unavailable();
    return entry;
  }

  function proposalsOf(entry: ConversionEntry) {
    return entry.result.proposals;
  }

  return {
    'conversion:summary': async ({ profileId }) => {
      const profile = await requireProfile(services, profileId);
      const { snapshot, baseline } = cache.inputs(profileId);
      const secrets = await services.vault.status(profileId);
      const entry = snapshot && baseline ? await cache.current(profileId) : null;
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
      const all = proposalsOf(entry);
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
      const entry = await requireEntry(profileId);
      const all = proposalsOf(entry);
      const targets = ids
        ? (() => {
            const wanted = new Set(ids);
            return all.filter((p) => wanted.has(p.id));
          })()
        : all.filter((p) => matchesProposal(p, filter as ProposalFilter));
      if (ids && targets.length < new Set(ids).size) {
        throw new ServiceError(
          'proposal_not_found',
          'Some of these remap proposals no longer exist (the data changed since the list was loaded).',
          'Refresh the list and choose again.',
        );
      }
      const changing = targets.filter((p) => p.decision !== decision).map((p) => p.id);
      const count = changing.length;
      if (count > 0) {
        await cache.decisions.update(profileId, (d) => decide(d, changing, decision));
        cache.invalidate(profileId);
        await changed(profileId);
      }
      const fresh = await requireEntry(profileId);
      return { changed: count, proposals: fresh.result.summary.proposals };
    },
    'conversion:simulate': async ({ profileId, importMode, save }) => {
      batchTermCheck(importMode);
      if (save) {
        await requireProfile(services, profileId);
        const saved = await services.settings.setImportMode(profileId, importMode);
        cache.invalidate(profileId);
        await changed(profileId);
        const entry = await requireEntry(profileId);
        return { importMode: saved, simulation: entry.result.summary.simulation };
      }
      // A preview of another mode: computed once, not cached, nothing saved.
      const entry = await requireEntry(profileId);
      const preview = await cache.preview(profileId, entry, importMode);
      return { importMode, simulation: preview.summary.simulation };
    },
    'conversion:exportChangeSisId': async ({ profileId }) => {
      const profile = await requireProfile(services, profileId);
      const entry = await requireEntry(profileId);
      return exportChangeSisId(profile, entry, options.saveChangeSisId);
    },
  };
}
