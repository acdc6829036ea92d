/**
 * The readiness report's HTML, JSON, CSV and XLSX built on their own thread: on a large district they walk every
 * finding (hundreds of thousands) and the Electron main thread must keep answering the window meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Finding } from '../../../shared/rules/finding';
import { toWorkerFailure } from '../worker';
import { inProcessRenderer } from './export';
import type { FromReportWorker, ReportWorkerData, ToReportWorker } from './report-protocol';

const port = parentPort;
if (port === null) throw new Error('report-worker.ts must run in a worker thread');

const data = workerData as ReportWorkerData;
const findings: Finding[] = [];
const renderer = inProcessRenderer({
  model: data.model,
  findings,
  pageSize: data.pageSize,
  ...(data.locale !== null ? { locale: data.locale } : {}),
  ...(data.timeZone !== null ? { timeZone: data.timeZone } : {}),
});

async function answer(m: Exclude<ToReportWorker, { type: 'findings' }>): Promise<FromReportWorker> {
  try {
    if (m.type === 'html') return { type: 'html', id: m.id, html: await renderer.html() };
    await renderer.write(m.format, m.path);
    return { type: 'written', id: m.id };
  } catch (err) {
    return { type: 'failed', id: m.id, error: toWorkerFailure(err) };
  }
}

port.on('message', (m: ToReportWorker) => {
  if (m.type === 'findings') {
    for (const f of m.chunk) findings.push(f);
    return;
  }
  void answer(m).then((reply) => port.postMessage(reply));
});
