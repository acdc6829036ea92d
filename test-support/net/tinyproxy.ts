import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A real HTTP proxy for tests: tinyproxy (Debian package `tinyproxy`), listening on 127.0.0.1 only and
 * accepting clients from 127.0.0.1 only. It logs every CONNECT, so a test can prove a request went through it.
 */
export interface TestProxy {
  url: string;
  port: number;
  /** The proxy's log so far (CONNECT lines name the target). */
  log(): string;
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Require these credentials (407 without them). */
  basicAuth?: { user: string; password: string };
  /** Only these CONNECT ports are allowed (others get 403): a filter that blocks a site. */
  connectPorts?: number[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tryOnce = (): void => {
      if (child.exitCode !== null) return reject(new Error(`tinyproxy exited with ${child.exitCode}`));
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error('tinyproxy did not start'));
        else setTimeout(tryOnce, 50);
      });
    };
    tryOnce();
  });
}

export async function startTinyproxy(dir: string, opts: TestProxyOptions = {}): Promise<TestProxy> {
  const port = await freePort();
  const logFile = join(dir, `tinyproxy-${port}.log`);
  const conf = join(dir, `tinyproxy-${port}.conf`);
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Allow 127.0.0.1',
    'Timeout 30',
    'MaxClients 50',
    `LogFile "${logFile}"`,
    'LogLevel Connect',
    'DisableViaHeader Yes',
    ...(opts.basicAuth ? [`BasicAuth ${opts.basicAuth.user} ${opts.basicAuth.password}`] : []),
    ...(opts.connectPorts ?? []).map((p) => `ConnectPort ${p}`),
  ];
  writeFileSync(conf, `${lines.join('\n')}\n`);
  writeFileSync(logFile, '');
  const child = spawn('tinyproxy', ['-d', '-c', conf], { stdio: 'ignore' });
  await waitForPort(port, child);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log: () => readFileSync(logFile, 'utf8'),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
