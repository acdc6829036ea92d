import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnapshotCollection } from '../../shared/snapshots/collections';
import { SNAPSHOT_COLLECTIONS, zeroCounts, type CollectionCounts } from '../../shared/snapshots/collections';
import {
  generateDistrict,
  startProvider,
  type DistrictSpec,
  type Faults,
  type GeneratedDistrict,
  type JsonRecord,
  type RunningProvider,
  type Table,
  type TableName,
} from '../../electron/services/demo-provider';
import type { OneRosterClient } from '../../electron/services/oneroster/client';
import { createPullClient } from '../../electron/services/pull';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';

/**
 * Test-side edits of a generated district, served by the real provider: records can be replaced (changed
 * dateLastModified, 1.2 shapes, wrong types, duplicated sourcedIds) and a field can be hidden from a table's
 * filterable fields (so the provider answers a dateLastModified filter with 400). Edits apply live.
 */
export class EditableDistrict {
  readonly district: GeneratedDistrict;
  private readonly edits = new Map<string, (rec: JsonRecord) => JsonRecord>();
  private readonly hidden = new Map<TableName, Set<string>>();

  constructor(readonly base: GeneratedDistrict) {
    const tables = {} as Record<TableName, Table>;
    for (const [name, table] of Object.entries(base.tables) as Array<[TableName, Table]>)
      tables[name] = this.wrap(name, table);
    this.district = { ...base, tables };
  }

  /** Replaces record `index` of `table` by what `edit` returns (given the original). */
  edit(table: TableName, index: number, edit: (rec: JsonRecord) => JsonRecord): void {
    this.edits.set(`${table}:${index}`, edit);
  }

  /** The record as the provider now serves it (relative hrefs). */
  record(table: TableName, index: number): JsonRecord {
    return this.district.tables[table].build(index, { baseUrl: '' });
  }

  hideField(table: TableName, field: string): void {
    let set = this.hidden.get(table);
    if (!set) this.hidden.set(table, (set = new Set()));
    set.add(field);
  }

  private wrap(name: TableName, table: Table): Table {
    const { hidden, edits } = this;
    return {
      name: table.name,
      size: table.size,
      sortedById: table.sortedById,
      get fields() {
        const h = hidden.get(name);
        return h ? table.fields.filter((f) => !h.has(f)) : table.fields;
      },
      id: (i) => table.id(i),
      build: (i, ctx) => {
        const rec = table.build(i, ctx);
        const edit = edits.get(`${name}:${i}`);
        return edit ? edit(rec) : rec;
      },
    };
  }
}

export interface PullFixture {
  provider: RunningProvider;
  editable: EditableDistrict;
  dir: string;
  store: SnapshotStore;
  client(concurrency?: number): OneRosterClient;
  /** The provider's own counts, per snapshot collection. */
  expected(): CollectionCounts;
  close(): Promise<void>;
}

export async function startFixture(
  opts: { district?: DistrictSpec; faults?: Faults; maxLimit?: number } = {},
): Promise<PullFixture> {
  const editable = new EditableDistrict(generateDistrict(opts.district ?? { preset: 'tiny' }));
  const provider = await startProvider({
    district: editable.district,
    ...(opts.faults ? { faults: opts.faults } : {}),
    ...(opts.maxLimit !== undefined ? { maxLimit: opts.maxLimit } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'preflight-pull-'));
  const store = openSnapshotStore(dir);
  return {
    provider,
    editable,
    dir,
    store,
    client: (concurrency = 4) =>
      createPullClient(
        {
          baseUrl: provider.baseUrl,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
        },
        { concurrency },
      ),
    expected: () => districtCounts(editable.district),
    async close() {
      await provider.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function districtCounts(d: GeneratedDistrict): CollectionCounts {
  const out = zeroCounts();
  for (const c of SNAPSHOT_COLLECTIONS) out[c] = d.tables[c as TableName].size;
  return out;
}

/** sourcedIds stored for a collection (for exact comparisons with the provider's table). */
export function storedIds(
  store: SnapshotStore,
  snapshotId: string,
  collection: SnapshotCollection,
): Set<string> {
  const ids = new Set<string>();
  for (const r of store.iterate(snapshotId, collection)) ids.add(r.sourcedId);
  return ids;
}
