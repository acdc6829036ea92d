import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../../electron/services/demo-provider';
import { OneRosterClient } from '../../electron/services/oneroster/client';
import { pullSnapshot } from '../../electron/services/pull';
import { SnapshotStore } from '../../electron/services/snapshots/store';

/** OneRoster 1.2 REST (v1p2 rostering path, OAuth 2) pulled into a snapshot that says it is 1.2 (issue 11). */

const root = mkdtempSync(join(tmpdir(), 'preflight-pull-v1p2-'));
let provider: RunningProvider;
beforeAll(async () => {
  provider = await startProvider({ district: { preset: 'tiny' }, version: '1.2' });
});
afterAll(async () => {
  await provider?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('pull from a OneRoster 1.2 provider', () => {
  it('stores users with their primary role and orgs, and records version 1.2 on the snapshot', async () => {
    const store = new SnapshotStore(join(root, 'snapshots.db'));
    try {
      const client = new OneRosterClient({
        baseUrl: provider.baseUrl,
        auth: {
          kind: 'oauth2',
          tokenUrl: provider.tokenUrl,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
        },
        maxRetries: 0,
      });
      const result = await pullSnapshot({ store, client, profileId: null, baseUrl: provider.baseUrl });
      expect(result.status).toBe('complete');
      const meta = store.get(result.snapshotId)!;
      expect(meta.providerFacts.onerosterVersion).toBe('1.2');
      const users = [...store.iterate(result.snapshotId, 'users')];
      expect(users.length).toBe(provider.district.tables.users.size);
      expect(users.every((u) => u.role !== '' && u.orgIds.length > 0)).toBe(true);
      const teacher = users.find((u) => u.role === 'teacher');
      expect(teacher).toBeDefined();
    } finally {
      store.close();
    }
  }, 60_000);
});
