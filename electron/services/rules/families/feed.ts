import type { EntityType } from '../../../../shared/rules/finding';
import type { SnapshotCollection } from '../../../../shared/snapshots/collections';
import { feedFactsOf, type FeedFacts, type FeedProblem } from '../../../../shared/snapshots/feed';
import type { RuleContext, RuleModule } from '../types';
import { COLLECTION_TABLES, collectionFindingId, plural } from './sql';

/**
 * What went wrong while reading the feed itself (docs/oneroster-dialects.md): collections the plan needs that
 * are missing, required columns that are missing, delta bundles, a missing or unreadable manifest, versions
 * other than 1.1 and every other import problem. These are findings like any other, so a partial feed can
 * never be "ready".
 */
export const feedRules: RuleModule = {
  name: 'feed',
  ruleIds: [
    'OR-FILE-MISSING',
    'OR-COLUMN-MISSING',
    'OR-BUNDLE-DELTA',
    'OR-MANIFEST',
    'OR-DIALECT',
    'OR-IMPORT',
  ],
  run(ctx) {
    const row = ctx.db
      .prepare('SELECT source, provider_facts FROM snapshots WHERE id = ?')
      .get(ctx.snapshotId) as { source: string; provider_facts: string } | undefined;
    if (row === undefined) return;
    const facts = feedFactsOf(JSON.parse(row.provider_facts) as Record<string, unknown>);
    if (facts?.delta === true) delta(ctx, facts);
    else missingCollections(ctx, row.source, facts);
    if (facts === null) return;
    manifest(ctx, facts);
    dialect(ctx, facts);
    for (const p of facts.problems) problem(ctx, p);
  },
};

/** Collections without which the plan has nothing to place (demographics are optional). */
const NEEDED: readonly SnapshotCollection[] = [
  'orgs',
  'academicSessions',
  'courses',
  'classes',
  'users',
  'enrollments',
];

const KIND = new Map(COLLECTION_TABLES.map((t) => [t.collection, t]));
const FILE_KIND = new Map(COLLECTION_TABLES.map((t) => [`${t.collection.toLowerCase()}.csv`, t.kind]));

function missingCollections(ctx: RuleContext, source: string, facts: FeedFacts | null): void {
  for (const collection of NEEDED) {
    const t = KIND.get(collection)!;
    const has = ctx.db
      .prepare(`SELECT EXISTS (SELECT 1 FROM ${t.table} WHERE snapshot_id = ?) AS has`)
      .get(ctx.snapshotId) as { has: number };
    if (has.has === 1) continue;
    const c = facts?.collections[collection];
    let message: string;
    if (c !== undefined && !c.present) {
      message =
        c.mode === 'absent'
          ? `manifest.csv marks ${c.file} as absent (not sent), so the snapshot has no ${collection}`
          : `The bundle has no ${c.file}, so the snapshot has no ${collection}`;
    } else if (c !== undefined) {
      message = `${c.file} holds no ${collection} (the file is empty, or none of its rows could be read)`;
    } else if (source === 'api') {
      message = `The /${collection} endpoint returned no records, so the snapshot has no ${collection}`;
    } else {
      message = `The snapshot has no ${collection}`;
    }
    ctx.report({
      ruleId: 'OR-FILE-MISSING',
      entityType: t.kind,
      sourcedId: collectionFindingId(collection),
      message: `${message}; the plan needs them, so the feed is incomplete`,
      detail: { collection, ...(c !== undefined ? { file: c.file, mode: c.mode, present: c.present } : {}) },
    });
  }
}

function delta(ctx: RuleContext, facts: FeedFacts): void {
  const files = Object.values(facts.collections)
    .filter((c) => c.mode === 'delta')
    .map((c) => c.file);
  ctx.report({
    ruleId: 'OR-BUNDLE-DELTA',
    entityType: 'endpoint',
    sourcedId: 'manifest.csv',
    message: `manifest.csv marks ${files.join(', ')} as delta: the bundle holds only changes, not the whole district. Readiness cannot be judged from it, and a batch or diffing sync from this snapshot would delete everything it does not mention`,
    detail: { deltaFiles: files },
  });
}

function manifest(ctx: RuleContext, facts: FeedFacts): void {
  if (facts.manifest !== 'missing' && facts.manifest !== 'unreadable') return;
  const what =
    facts.manifest === 'missing' ? 'The bundle has no manifest.csv' : 'manifest.csv could not be read';
  ctx.report({
    ruleId: 'OR-MANIFEST',
    entityType: 'endpoint',
    sourcedId: 'manifest.csv',
    // Without a manifest the bulk reading is the binding's own default; an unreadable one may hide a delta.
    severity: facts.manifest === 'missing' ? 'info' : 'warning',
    message: `${what}; assumed: ${facts.assumed.join('; ')}`,
    detail: { manifest: facts.manifest, assumed: facts.assumed },
  });
}

function dialect(ctx: RuleContext, facts: FeedFacts): void {
  const aliases = Object.entries(facts.aliasesUsed).map(([file, list]) => `${file}: ${list.join(', ')}`);
  const inactive = Object.entries(facts.semantics)
    .map(([file, s]) => [file, typeof s.inactiveKept === 'number' ? s.inactiveKept : 0] as const)
    .filter(([, n]) => n > 0);
  if (facts.version === '1.1' && aliases.length === 0 && inactive.length === 0) return;
  const parts = [
    `The feed was read as OneRoster ${facts.version}${facts.versionSource === 'manifest' ? ' (as manifest.csv says)' : facts.versionSource === 'detected' ? ' (recognised from its files and columns)' : ''}`,
  ];
  if (facts.version === '1.2') parts.push('users take their primary role and schools from roles.csv');
  if (aliases.length > 0) parts.push(`columns read under their 1.1 names: ${aliases.join('; ')}`);
  const derived = Object.values(facts.semantics).reduce(
    (sum, s) => sum + (typeof s.schoolYearFromEndDate === 'number' ? s.schoolYearFromEndDate : 0),
    0,
  );
  if (derived > 0)
    parts.push(
      `${plural(derived, 'session')} had no schoolYear (1.0): taken from the end date (a session ending July–December belongs to the school year ending the next year)`,
    );
  for (const [file, n] of inactive)
    parts.push(
      `${plural(n, 'record')} in ${file} marked "inactive" (1.0) kept as active, not deleted (the original status is in the record's metadata)`,
    );
  ctx.report({
    ruleId: 'OR-DIALECT',
    entityType: 'endpoint',
    sourcedId: 'feed',
    message: parts.join('; '),
    detail: {
      version: facts.version,
      versionSource: facts.versionSource,
      aliasesUsed: facts.aliasesUsed,
      semantics: facts.semantics,
    },
  });
}

/** Columns without which records cannot be placed (ids and references): a missing one blocks. */
const STRUCTURAL_COLUMN = /^(sourcedId|.*SourcedIds?|role)$/;

function problem(ctx: RuleContext, p: FeedProblem): void {
  if (p.code === 'missing_file' || p.code === 'missing_manifest' || p.code === 'manifest_unreadable') return;
  const entityType: EntityType = FILE_KIND.get(p.file.toLowerCase()) ?? 'endpoint';
  const where = `${p.file}${p.column ? `:${p.column}` : ''}`;
  const more = p.count > 1 ? ` (${plural(p.count, 'time')}, first at line ${p.firstLine ?? '?'})` : '';
  if (p.code === 'missing_column') {
    ctx.report({
      ruleId: 'OR-COLUMN-MISSING',
      entityType,
      sourcedId: where,
      severity: STRUCTURAL_COLUMN.test(p.column ?? '') ? 'blocker' : 'warning',
      message: p.message,
      detail: { file: p.file, column: p.column },
    });
    return;
  }
  ctx.report({
    ruleId: 'OR-IMPORT',
    entityType,
    sourcedId: `${where}#${p.code}`,
    message: `${p.message}${more}`,
    detail: { file: p.file, code: p.code, count: p.count, firstLine: p.firstLine, column: p.column },
  });
}
