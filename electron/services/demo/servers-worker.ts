/**
 * One demo server (the sample OneRoster provider or the Canvas double) on its own thread: generating the district
 * and answering a pull's requests is work the Electron main thread must not do (servers-thread.ts starts it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startProvider } from '../demo-provider';
import { toWorkerFailure } from '../worker';
import { startDemoCanvas } from './servers';
import type { DemoServerJob, FromDemoServerWorker, ToDemoServerWorker } from './servers-protocol';

const port = parentPort;
if (port === null) throw new Error('servers-worker.ts must run in a worker thread');
const post = (m: FromDemoServerWorker) => port.postMessage(m);
const job = workerData as DemoServerJob;

try {
  let close: () => Promise<void>;
  if (job.kind === 'provider') {
    const p = await startProvider({
      district: job.district,
      ...(job.maxLimit !== undefined ? { maxLimit: job.maxLimit } : {}),
    });
    close = () => p.close();
    post({
      type: 'ready',
      info: { kind: 'provider', baseUrl: p.baseUrl, clientId: p.clientId, clientSecret: p.clientSecret },
    });
  } else {
    const c = await startDemoCanvas(job.district, job.token);
    close = () => c.close();
    post({ type: 'ready', info: { kind: 'canvas', url: c.url, rootAccountId: c.rootAccountId } });
  }
  port.on('message', (m: ToDemoServerWorker) => {
    if (m.type !== 'close') return;
    void close()
      .catch(() => undefined)
      .finally(() => {
        post({ type: 'closed' });
        port.close();
      });
  });
} catch (err) {
  post({ type: 'failed', error: toWorkerFailure(err) });
  port.close();
}
