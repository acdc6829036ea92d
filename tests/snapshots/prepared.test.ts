import { describe, expect, it } from 'vitest';
import { prepareRecords } from '../../electron/services/snapshots/prepare';
import { tableSpec } from '../../electron/services/snapshots/tables';
import { org, ref, useTempStores, user } from './helpers';

const stores = useTempStores();

/** What a snapshot holds, without its id: rows, hashes, duplicates, rejected records, link rows, page ledger. */
function contents(store: ReturnType<typeof stores.open>, id: string) {
  const q = (sql: string) => store.db.prepare(sql).all(id);
  return {
    users: q(
      'SELECT sourced_id, role, org_ids, agent_ids, raw, issues, content_hash, dup_count FROM users WHERE snapshot_id = ? ORDER BY id',
    ),
    duplicates: q(
      'SELECT collection, sourced_id, content_hash, raw, location FROM duplicates WHERE snapshot_id = ? ORDER BY id',
    ),
    rejected: q(
      'SELECT collection, raw, reason, location FROM records_rejected WHERE snapshot_id = ? ORDER BY id',
    ),
    userOrgs: q('SELECT user_id, org_id FROM user_orgs WHERE snapshot_id = ? ORDER BY user_id, org_id'),
    userAgents: q(
      'SELECT user_id, agent_id FROM user_agents WHERE snapshot_id = ? ORDER BY user_id, agent_id',
    ),
    pages: q('SELECT collection, page_key, records, stored FROM pull_pages WHERE snapshot_id = ?'),
  };
}

describe('prepared batches (rows built on the fetching thread, inserted by the write thread)', () => {
  it('store exactly what addRecords stores, after a structured clone (postMessage)', () => {
    const store = stores.open();
    const page = [
      user('u1', { orgs: [ref('orgs', 'org', 'o1'), ref('orgs', 'org', 'o1'), ref('orgs', 'org', 'o2')] }),
      user('u2', { role: 'parent', agents: [ref('users', 'user', 'u1')], password: 'secret' }),
      { nothing: true },
      'junk',
      user('u1', { givenName: 'Other' }),
      user('u3', { role: 'wizard', enabledUser: 'maybe' }),
    ];
    const direct = store.createSnapshot({ source: 'api' });
    const viaBatch = store.createSnapshot({ source: 'api' });
    const a = store.writer(direct, 'users').addRecords(page, 'offset=0');
    const batch = structuredClone(prepareRecords(tableSpec('users'), page));
    const b = store.writer(viaBatch, 'users').addPrepared(batch, 'offset=0');

    expect(b).toEqual(a);
    expect(a).toEqual({ stored: 3, invalid: 2, duplicates: 1, withIssues: 1 });
    const expected = contents(store, direct);
    expect(contents(store, viaBatch)).toEqual(expected);
    expect(expected.userOrgs).toEqual([
      { user_id: 'u1', org_id: 'o1' },
      { user_id: 'u1', org_id: 'o2' },
      { user_id: 'u2', org_id: 'school-1' },
      { user_id: 'u3', org_id: 'school-1' },
    ]);
    expect(expected.userAgents).toEqual([{ user_id: 'u2', agent_id: 'u1' }]);
    expect(JSON.stringify(expected)).not.toContain('secret');
  });

  it('refuses a batch prepared for another collection, and writes nothing to a finished snapshot', () => {
    const store = stores.open();
    const id = store.createSnapshot({ source: 'api' });
    const orgs = store.writer(id, 'orgs');
    expect(() => orgs.addPrepared(prepareRecords(tableSpec('users'), [user('u1')]))).toThrow(
      /does not match/,
    );
    orgs.addPrepared(prepareRecords(tableSpec('orgs'), [org('o1')]), 'p0');
    store.complete(id);
    expect(() => orgs.addPrepared(prepareRecords(tableSpec('orgs'), [org('o2')]))).toThrow(
      expect.objectContaining({ code: 'snapshot_not_writable' }),
    );
    expect(() => orgs.markPageDone('p1')).toThrow(expect.objectContaining({ code: 'snapshot_not_writable' }));
    expect(store.counts(id).orgs).toBe(1);
  });
});
