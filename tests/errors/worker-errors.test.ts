import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvBundleInWorker } from '../../electron/services/csv-import';
import { openSnapshotStore, type SnapshotStore } from '../../electron/services/snapshots';
import { fromWorkerFailure, toWorkerFailure } from '../../electron/services/worker';
import { ServiceError } from '../../shared/errors';

let dir: string;
let store: SnapshotStore;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-worker-errors-'));
  store = openSnapshotStore(dir);
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('errors across worker threads', () => {
  it('a ServiceError thrown in a worker arrives on the host as a ServiceError with its code and detail', async () => {
    const missing = join(dir, 'no-such-bundle.zip');
    const error = await importCsvBundleInWorker(store.dbPath, missing, { profileId: null }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('csv_bundle_not_found');
    expect((error as ServiceError).message).toBe('Nothing was found at no-such-bundle.zip.');
    expect((error as ServiceError).detail).toEqual({ file: 'no-such-bundle.zip' });
  });

  it('a bug in a worker keeps its message only inside the host error the host makes of it', () => {
    const posted = toWorkerFailure(new TypeError('x is undefined'));
    expect(posted).toEqual({ code: 'internal', message: 'x is undefined' });
    const error = fromWorkerFailure(
      posted,
      (m) => new ServiceError('thing_failed', `The thing stopped: ${m}`),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.code).toBe('thing_failed');
    expect(error.message).toBe('The thing stopped: x is undefined');
  });

  it('the posted failure survives structured clone with nested detail intact', () => {
    const thrown = new ServiceError('demo_code', 'Demo.', { detail: { status: 429, fields: { a: 'b' } } });
    const back = fromWorkerFailure(structuredClone(toWorkerFailure(thrown)), () => {
      throw new Error('not a bug');
    });
    expect(back).toBeInstanceOf(ServiceError);
    expect(back.toData()).toEqual(thrown.toData());
  });
});
