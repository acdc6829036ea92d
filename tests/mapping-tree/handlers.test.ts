import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, disposeHandlers, type Handlers } from '../../electron/main/ipc/handlers';
import { invokeChannel } from '../../electron/main/ipc/invoke';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import type { MainEvent } from '../../shared/ipc/contract';
import type { ChildrenPage, NodeDetail, SearchResult, TermsView } from '../../shared/mapping/tree-views';
import { writeDistrictSnapshot } from '../../test-support/district-snapshot';

/**
 * The mapping:* channels through the real IPC path (input and OUTPUT validated against the contract), on an
 * evaluation made by the real evaluate job: not evaluated → a plain error; evaluated → the tree; a muted rule
 * → badges without it (a new evaluation view, so the tree is rebuilt from the visible findings).
 */
describe('mapping channels', () => {
  let dataDir: string;
  let services: Services;
  let handlers: Handlers;
  let profileId: string;
  const events: MainEvent[] = [];

  const invoke = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await invokeChannel(handlers, channel, input, {
      onUnexpected: (ch, err) => {
        throw new Error(`${ch}: ${String(err)}`);
      },
    });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.data as T;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'preflight-mapping-ipc-'));
    services = createServices({
      dataDir,
      secretStore: new KeytarSecretStore({ service: `Roster Preflight mapping ${randomUUID()}` }),
    });
    handlers = createHandlers(services, (e) => events.push(e));
    const profile = await services.profiles.create({
      name: 'Mapping USD',
      oneroster: {
        baseUrl: 'https://sis.example.org/ims/oneroster/v1p1',
        clientId: 'id',
        auth: { kind: 'oauth1', signatureMethod: 'HMAC-SHA256' },
      },
    });
    profileId = profile.id;
    writeDistrictSnapshot(
      services.snapshots,
      { preset: 'small', defects: [{ kind: 'missing-username' }] },
      { profileId },
    );
  });
  afterAll(async () => {
    await disposeHandlers(handlers);
    await rm(dataDir, { recursive: true, force: true });
  });

  async function evaluate(): Promise<void> {
    const { jobId } = await invoke<{ jobId: string }>('evaluate:start', { profileId });
    const deadline = Date.now() + 60_000;
    while (!events.some((e) => e.type === 'job:done' && e.jobId === jobId)) {
      if (Date.now() > deadline) throw new Error('evaluation did not finish');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('says the district is not evaluated yet, with what to do', async () => {
    await expect(invoke('mapping:children', { profileId })).rejects.toMatchObject({
      code: 'not_evaluated',
      hint: expect.stringContaining('evaluation'),
    });
  });

  it('serves the tree of the latest evaluation, within the contract', async () => {
    await evaluate();
    const top = await invoke<ChildrenPage>('mapping:children', { profileId });
    expect(top.total).toBe(1);
    const district = top.nodes[0]!;
    expect(district.kind).toBe('district');
    expect(top.source.totalNodes).toBeGreaterThan(100);
    expect(district.badges.blocker).toBeGreaterThan(0);

    const schools = await invoke<ChildrenPage>('mapping:children', {
      profileId,
      nodeId: district.id,
      limit: 2,
    });
    expect(schools.nodes).toHaveLength(Math.min(2, schools.total));
    expect(schools.parent?.id).toBe(district.id);

    const search = await invoke<SearchResult>('mapping:search', {
      profileId,
      text: schools.nodes[0]!.sourcedId,
    });
    expect(search.hits[0]!.node.id).toBe(schools.nodes[0]!.id);
    const detail = await invoke<NodeDetail>('mapping:node', { profileId, nodeId: schools.nodes[0]!.id });
    expect(detail.canvas[0]!.file).toBe('accounts');
    const terms = await invoke<TermsView>('mapping:terms', { profileId });
    expect(terms.terms.length).toBeGreaterThan(0);

    await expect(invoke('mapping:node', { profileId, nodeId: 'section:nope' })).rejects.toMatchObject({
      code: 'mapping_node_not_found',
    });
    await expect(invoke('mapping:children', { profileId, limit: 100_000 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('re-badges when a rule is muted (no re-evaluation)', async () => {
    const before = (await invoke<ChildrenPage>('mapping:children', { profileId })).nodes[0]!;
    await invoke('settings:setRules', {
      profileId,
      change: { kind: 'mute', ruleId: 'USER-NO-USERNAME', muted: true, reason: 'Usernames come tonight' },
    });
    const after = (await invoke<ChildrenPage>('mapping:children', { profileId })).nodes[0]!;
    expect(after.badges.blocker).toBeLessThan(before.badges.blocker);
    expect(after.counts).toEqual(before.counts);
  });
});
