import { z } from 'zod';
import { channel } from '../define';
import { BaselineMeta } from '../../canvas/baseline';
import {
  ChangeSisIdType,
  Classification,
  ClassifiedObject,
  Confidence,
  ConversionSummary,
  ConversionType,
  RemapDecision,
  RemapProposal,
  ThresholdSimulation,
} from '../../conversion/types';
import { ImportMode } from '../../sync/import-mode';

const ProfileId = z.string().min(1).max(100);
const Offset = z.number().int().nonnegative().max(100_000_000).default(0);
const Limit = z.number().int().positive().max(500).default(200);
const Search = z.string().trim().max(200).optional();

/** Why the conversion cannot be shown yet (each has its own empty state), or 'ready'. */
export const ConversionStatus = z.enum(['no_snapshot', 'no_baseline', 'ready']);
export type ConversionStatus = z.infer<typeof ConversionStatus>;

export const ConversionState = z.object({
  status: ConversionStatus,
  /** The district's newest complete snapshot (what the plan is built from). */
  snapshot: z.object({ id: z.string(), at: z.string() }).nullable(),
  /** The newest complete baseline (what Canvas holds today). */
  baseline: BaselineMeta.nullable(),
  /** Profile has a Canvas URL, and a token in the keychain (fetch buttons need both). */
  canvas: z.object({ configured: z.boolean(), tokenStored: z.boolean(), baseUrl: z.string().nullable() }),
  importMode: ImportMode,
  /** Changes whenever the classification is recomputed (decisions, import mode, new data): paging keys use it. */
  conversionId: z.string().nullable(),
  summary: ConversionSummary.nullable(),
  /** CNV-* findings per rule id (catalogue severities, before mutes). */
  findingsByRule: z.record(z.string(), z.number().int()),
  /** The plan's terms (SIS id + name), for the batch-mode term picker. */
  terms: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ConversionState = z.infer<typeof ConversionState>;

export const ObjectSortId = z.enum(['name', 'status', 'plannedId', 'canvasSisId', 'activeEnrollments']);
export type ObjectSortId = z.infer<typeof ObjectSortId>;

export const ObjectsPage = z.object({
  conversionId: z.string(),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(ClassifiedObject.extend({ index: z.number().int() })),
});
export type ObjectsPage = z.infer<typeof ObjectsPage>;
export type ObjectRow = ObjectsPage['rows'][number];

export const ProposalRow = RemapProposal.extend({ decision: RemapDecision, index: z.number().int() });
export type ProposalRow = z.infer<typeof ProposalRow>;

/** Which proposals a query (or a bulk decision) covers; every field narrows. */
export const ProposalFilter = z.object({
  type: ChangeSisIdType.optional(),
  confidence: Confidence.optional(),
  ruleId: z.string().max(64).optional(),
  decision: RemapDecision.optional(),
  search: Search,
});
export type ProposalFilter = z.infer<typeof ProposalFilter>;

const countsOf = <T extends z.ZodType<string>>(key: T) => z.record(key, z.number().int());

export const ProposalsPage = z.object({
  conversionId: z.string(),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  rows: z.array(ProposalRow),
  /** Counts over every proposal (no filter), for the filter chips. */
  facets: z.object({
    type: countsOf(z.string()),
    confidence: countsOf(z.string()),
    ruleId: countsOf(z.string()),
    decision: countsOf(z.string()),
  }),
});
export type ProposalsPage = z.infer<typeof ProposalsPage>;

export const conversionChannels = {
  /** Newest snapshot × newest baseline: counts, proposals, simulation under the saved import mode. */
  'conversion:summary': channel(z.object({ profileId: ProfileId }), ConversionState),
  /** One page of the "Canvas today ↔ after sync" table for one type. */
  'conversion:objects': channel(
    z.object({
      profileId: ProfileId,
      type: ConversionType,
      status: Classification.optional(),
      search: Search,
      sort: z
        .array(z.object({ id: ObjectSortId, desc: z.boolean() }))
        .max(3)
        .default([]),
      offset: Offset,
      limit: Limit,
    }),
    ObjectsPage,
  ),
  /** One page of remap proposals with their decisions. */
  'conversion:proposals': channel(
    z.object({ profileId: ProfileId, filter: ProposalFilter.default({}), offset: Offset, limit: Limit }),
    ProposalsPage,
  ),
  /**
   * Accepts, rejects or resets ('pending') proposals: the listed ids, or every proposal matching a filter
   * (bulk by rule / confidence). Saved per district; counts and simulation follow.
   */
  'conversion:decide': channel(
    z
      .object({
        profileId: ProfileId,
        decision: RemapDecision,
        ids: z.array(z.string().min(1).max(2000)).max(200_000).optional(),
        filter: ProposalFilter.optional(),
      })
      .refine((v) => (v.ids === undefined) !== (v.filter === undefined), {
        message: 'Give either the proposal ids or a filter',
      }),
    z.object({
      changed: z.number().int().nonnegative(),
      proposals: ConversionSummary.shape.proposals,
    }),
  ),
  /** The threshold simulation under an import mode; `save` makes it the district's import mode. */
  'conversion:simulate': channel(
    z.object({ profileId: ProfileId, importMode: ImportMode, save: z.boolean().default(true) }),
    z.object({ importMode: ImportMode, simulation: ThresholdSimulation }),
  ),
  /** Writes change_sis_id.csv (accepted remaps) where the user chooses in a save dialog; null path = cancelled. */
  'conversion:exportChangeSisId': channel(
    z.object({ profileId: ProfileId }),
    z.object({ path: z.string().nullable(), rows: z.number().int().nonnegative() }),
  ),
};
