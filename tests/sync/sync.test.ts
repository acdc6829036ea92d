import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resumeSync, runSync, type RunSyncOptions } from '../../electron/services/sync';
import { DEFAULT_IMPORT_MODE, ImportMode } from '../../shared/sync/import-mode';
import type { SyncProgress } from '../../shared/sync/types';
import { CanvasWithImports, FAST_POLL, syncFixture, TOKEN, type SyncFixture } from './harness';

let fx: SyncFixture;
let canvas: CanvasWithImports | null = null;
beforeAll(async () => {
  fx = await syncFixture();
});
afterAll(() => fx.cleanup());
afterEach(async () => {
  await canvas?.close().catch(() => undefined);
  canvas = null;
});

async function canvasWith(
  ...args: ConstructorParameters<typeof CanvasWithImports>
): Promise<CanvasWithImports> {
  canvas = await new CanvasWithImports(...args).start();
  return canvas;
}

function options(c: CanvasWithImports, extra: Partial<RunSyncOptions> = {}): RunSyncOptions {
  return {
    client: c.client(),
    rootAccountId: '1',
    profileId: 'district-a',
    zipPath: fx.zipPath,
    importMode: DEFAULT_IMPORT_MODE,
    history: fx.history,
    locate: fx.locate,
    meta: fx.meta,
    by: 'tester',
    poll: FAST_POLL,
    ...extra,
  };
}

describe('runSync against the Canvas double', () => {
  it('sends the zip as multipart with the mode parameters, follows progress and records the result', async () => {
    const c = await canvasWith({ pollsToFinish: 3 }, [fx.plan.terms[0]!.term_id]);
    const progress: SyncProgress[] = [];
    const mode = ImportMode.parse({
      mode: 'batch',
      termId: fx.plan.terms[0]!.term_id,
      changeThreshold: 10,
      overrideStickiness: true,
      dropStatus: 'completed',
    });
    const { result, entry } = await runSync(
      options(c, { importMode: mode, onProgress: (p) => progress.push(p) }),
    );

    const got = c.state.received;
    expect(got).toHaveLength(1);
    expect(got[0]!.form).toBe('multipart');
    expect(got[0]!.zip.equals(readFileSync(fx.zipPath))).toBe(true);
    expect(got[0]!.params).toEqual({
      import_type: 'instructure_csv',
      extension: 'zip',
      batch_mode: 'true',
      batch_mode_term_id: `sis_term_id:${fx.plan.terms[0]!.term_id}`,
      batch_mode_enrollment_drop_status: 'completed',
      change_threshold: '10',
      override_sis_stickiness: 'true',
    });
    expect(got[0]!.validation.problems).toEqual([]);

    expect(result).toMatchObject({
      ok: true,
      workflowState: 'imported',
      progress: 100,
      errors: [],
      warnings: [],
      errorFile: null,
    });
    expect(result.counts).toMatchObject({
      users: fx.plan.users.length,
      enrollments: fx.plan.enrollments.length,
      courses: fx.plan.courses.length,
      user_observers: fx.plan.user_observers.length,
      error_count: 0,
    });
    expect(result.canvasLink).toBe(`${c.double.url}/accounts/1/sis_import`);
    const states = progress.map((p) => `${p.phase}:${p.workflowState}`);
    expect(states[0]).toBe('posting:');
    expect(states).toContain('polling:created');
    expect(states).toContain('polling:importing');
    expect(states.at(-1)).toBe('done:imported');

    expect(entry).toMatchObject({
      status: 'finished',
      by: 'tester',
      importId: result.importId,
      importMode: mode,
      profileId: 'district-a',
    });
    const stored = await fx.history.list('district-a');
    expect(stored.at(-1)).toEqual(entry);
  });

  it('maps Canvas warnings and errors back to the OneRoster records by file and row', async () => {
    const broken = await syncFixture((p) => ({
      ...p,
      users: p.users.map((u, i) => (i === 2 ? { ...u, status: 'gone' as never } : u)),
    }));
    try {
      const user5 = broken.plan.users[5]!;
      const enr3 = broken.plan.enrollments[1]!;
      const c = await canvasWith(
        {
          extraErrors: [['users.csv', `Login "${user5.login_id}" is already claimed by another user`, 7]],
          extraWarnings: [['enrollments.csv', 'An enrollment referenced a non-existent section', 3]],
        },
        [],
      );
      const { result } = await runSync({
        ...options(c),
        zipPath: broken.zipPath,
        locate: broken.locate,
        history: broken.history,
      });
      expect(result.ok).toBe(true);
      expect(result.workflowState).toBe('imported_with_messages');
      expect(result.errors).toEqual([
        {
          severity: 'error',
          file: 'users.csv',
          message: expect.stringMatching(/Improper status "gone"/),
          row: 4,
          entity: { entityType: 'user', sourcedId: broken.plan.users[2]!.source },
        },
        {
          severity: 'error',
          file: 'users.csv',
          message: `Login "${user5.login_id}" is already claimed by another user`,
          row: 7,
          entity: { entityType: 'user', sourcedId: user5.source },
        },
      ]);
      expect(result.warnings).toEqual([
        {
          severity: 'warning',
          file: 'enrollments.csv',
          message: 'An enrollment referenced a non-existent section',
          row: 3,
          entity: { entityType: 'enrollment', sourcedId: enr3.source },
        },
      ]);
      expect(result.errorFile).toMatchObject({
        rows: 3,
        name: `sis_errors_attachment_${result.importId}.csv`,
      });
      expect(result.errorFile!.messages.map((m) => [m.severity, m.row])).toEqual([
        ['error', 4],
        ['error', 7],
        ['warning', 3],
      ]);
      expect(result.counts).toMatchObject({
        users: broken.plan.users.length - 1,
        error_count: 2,
        warning_count: 1,
      });
    } finally {
      broken.cleanup();
    }
  });

  it('reports a failed import as not ok', async () => {
    const c = await canvasWith({ fail: true }, []);
    const { result, entry } = await runSync(options(c));
    expect(result).toMatchObject({ ok: false, workflowState: 'failed' });
    expect(entry.status).toBe('finished');
  });

  it('aborts the import in Canvas when the signal is aborted', async () => {
    const c = await canvasWith({ pollsToFinish: 10_000 }, []);
    const ac = new AbortController();
    const { result, entry } = await runSync(
      options(c, {
        signal: ac.signal,
        onProgress: (p) => {
          if (p.workflowState === 'importing') ac.abort();
        },
      }),
    );
    expect(result).toMatchObject({ ok: false, workflowState: 'aborted' });
    expect(c.double.stats.byPath['PUT /api/v1/accounts/:id/sis_imports/:id/abort']).toBe(1);
    expect(c.state.imports.get(Number(result.importId))!.state).toBe('aborted');
    expect(entry.status).toBe('finished');
  });

  it('keeps the import id when the network drops while polling, and resumes by that id', async () => {
    const c = await canvasWith({ pollsToFinish: 4 }, []);
    let closing: Promise<void> | null = null;
    const run = runSync(
      options(c, {
        onProgress: (p) => {
          if (p.workflowState === 'importing' && closing === null) closing = c.close();
        },
      }),
    );
    await expect(run).rejects.toMatchObject({ code: 'sync_poll_interrupted' });
    const interrupted = (await fx.history.unfinished('district-a'))!;
    expect(interrupted).toMatchObject({ status: 'interrupted', importId: String(c.state.received[0]!.id) });
    expect(interrupted.error?.code).toBe('canvas_unreachable');

    // The app is reopened later: Canvas (a new connection) is asked about the same import; nothing is re-sent.
    await c.start();
    const { result, entry } = await resumeSync({ ...options(c), poll: FAST_POLL });
    expect(entry.id).toBe(interrupted.id);
    expect(result).toMatchObject({ ok: true, workflowState: 'imported', importId: interrupted.importId });
    expect(c.state.received).toHaveLength(1);
    expect(await fx.history.unfinished('district-a')).toBeUndefined();
  });

  it('rides out failed polls (503) without losing the import', async () => {
    const c = await canvasWith({ failPolls: 3, pollsToFinish: 2 }, []);
    const { result } = await runSync(options(c));
    expect(result.ok).toBe(true);
    expect(c.state.received).toHaveLength(1);
  });

  it('backs off on 403 Rate Limit Exceeded and still sends the import exactly once', async () => {
    const c = await canvasWith({ pollsToFinish: 3 }, [], { everyNth: 2 });
    const client = c.client();
    const { result } = await runSync({ ...options(c), client });
    expect(result.ok).toBe(true);
    expect(c.double.stats.throttled).toBeGreaterThan(0);
    expect(client.stats.throttled).toBe(c.double.stats.throttled);
    expect(c.state.received).toHaveLength(1);
  });

  it('refuses a wrong token without sending anything and never shows the token', async () => {
    const c = await canvasWith({}, []);
    const wrong = 'wrong-token-0123456789abcdef';
    const err = await runSync({ ...options(c), client: c.client(wrong) }).then(
      () => new Error('expected a refusal') as Error & { code: string; hint?: string },
      (e: unknown) => e as Error & { code: string; hint?: string },
    );
    expect(err).toMatchObject({ code: 'canvas_unauthorized' });
    for (const text of [
      err.message,
      err.hint ?? '',
      err.stack ?? '',
      JSON.stringify(await fx.history.list('district-a')),
    ]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(TOKEN);
    }
    expect(c.state.received).toHaveLength(0);
    expect((await fx.history.list('district-a')).at(-1)).toMatchObject({
      status: 'not_sent',
      importId: null,
      error: { code: 'canvas_unauthorized' },
    });
  });

  it('runs one sync per profile at a time', async () => {
    const c = await canvasWith({}, []);
    const lock = fx.history.lock('district-a');
    try {
      await expect(runSync(options(c))).rejects.toMatchObject({ code: 'sync_running' });
    } finally {
      lock.release();
    }
    expect(c.state.received).toHaveLength(0);
  });
});
