import type { Worker } from 'node:worker_threads';
import { ServiceError } from '../../../shared/errors';
import type { DistrictSpec } from '../demo-provider';
import { fromWorkerFailure, startWorker } from '../worker';
import type {
  DemoServerInfo,
  DemoServerJob,
  FromDemoServerWorker,
  ToDemoServerWorker,
} from './servers-protocol';

export type DemoProviderThread = Extract<DemoServerInfo, { kind: 'provider' }> & { close(): Promise<void> };
export type DemoCanvasThread = Extract<DemoServerInfo, { kind: 'canvas' }> & { close(): Promise<void> };

/** The demo OneRoster provider, generated and served on its own thread (servers-worker.ts). */
export async function startDemoProviderThread(
  district: DistrictSpec,
  opts: { maxLimit?: number } = {},
): Promise<DemoProviderThread> {
  return (await startServerThread({ kind: 'provider', district, ...opts })) as DemoProviderThread;
}

/** The demo Canvas double, generated and served on its own thread (servers-worker.ts). */
export async function startDemoCanvasThread(
  district: DistrictSpec,
  token: string,
): Promise<DemoCanvasThread> {
  return (await startServerThread({ kind: 'canvas', district, token })) as DemoCanvasThread;
}

function startServerThread(job: DemoServerJob): Promise<DemoServerInfo & { close(): Promise<void> }> {
  const worker: Worker = startWorker('demo-servers', job);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let ready = false;
    const stopped = (message: string) =>
      new ServiceError(
        'demo_start_failed',
        `The demo ${job.kind === 'provider' ? 'OneRoster provider' : 'Canvas'} did not start: ${message}`,
        'Start the demo again.',
      );
    const fail = (message: string) => reject(stopped(message));
    worker.on('message', (m: FromDemoServerWorker) => {
      if (m.type === 'ready') {
        ready = true;
        resolve({
          ...m.info,
          close: async () => {
            worker.postMessage({ type: 'close' } satisfies ToDemoServerWorker);
            await exited;
          },
        });
      } else if (m.type === 'failed') reject(fromWorkerFailure(m.error, stopped));
    });
    worker.once('error', (err) => {
      if (!ready) fail(err.message);
    });
    worker.once('exit', (code) => {
      if (!ready) fail(`its thread exited (code ${code})`);
    });
  });
}
