import { z } from 'zod';
import { channel } from '../define';
import { EntityType } from '../../rules/finding';
import {
  ChildrenPage,
  MappingScope,
  NodeDetail,
  NodeId,
  SearchHit,
  SearchResult,
  TermsView,
} from '../../mapping/tree-views';

/** The Mapping explorer and Terms view; the shapes are in shared/mapping/tree-views.ts. */
export const mappingChannels = {
  /** One page of a node's children (nodeId null = the top: the district). */
  'mapping:children': channel(
    MappingScope.extend({
      nodeId: NodeId.nullable().default(null),
      offset: z.number().int().nonnegative().max(10_000_000).default(0),
      limit: z.number().int().positive().max(500).default(200),
      /** Only children with a blocker or warning on or below them. */
      onlyProblems: z.boolean().default(false),
    }),
    ChildrenPage,
  ),
  /** Nodes whose name, sourcedId or Canvas id contains the text (case-insensitive), with their ancestor path. */
  'mapping:search': channel(
    MappingScope.extend({
      text: z.string().trim().min(1).max(200),
      limit: z.number().int().positive().max(200).default(50),
      onlyProblems: z.boolean().default(false),
    }),
    SearchResult,
  ),
  /** Where an entity (a finding's entityType + sourcedId) shows in the tree; null when it has no place there. */
  'mapping:locate': channel(
    MappingScope.extend({
      entityType: EntityType,
      sourcedId: z.string().min(1).max(1000),
      onlyProblems: z.boolean().default(false),
    }),
    z.object({ hit: SearchHit.nullable() }),
  ),
  /** A node's OneRoster record(s), planned Canvas rows and findings. */
  'mapping:node': channel(MappingScope.extend({ nodeId: NodeId }), NodeDetail),
  /** Per-school sessions with dates and the Canvas terms they merge into. */
  'mapping:terms': channel(MappingScope, TermsView),
};
