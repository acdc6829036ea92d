import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createServices, type Services } from '../../electron/services/container';
import { KeytarSecretStore } from '../../electron/services/secrets/keytar-store';
import {
  createHandlers,
  disposeHandlers,
  type HandlerOptions,
  type Handlers,
} from '../../electron/main/ipc/handlers';
import { createEmitter, installBridge, type BridgeLog } from './bridge';
import { ensureBuilt, RENDERER_DIR, ROOT } from './build';
import { serveStatic, type StaticServer } from './static-server';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots');

export interface E2EApp {
  page: Page;
  context: BrowserContext;
  services: Services;
  handlers: Handlers;
  dataDir: string;
  /** Every IPC result and event the page received (JSON), to prove secrets never crossed. */
  log: BridgeLog;
  /** URLs the renderer asked to open in the browser. */
  opened: string[];
  /** Uncaught errors in the page (should stay empty). */
  pageErrors: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The renderer, built, in real Chromium, wired to the real handlers and services: a temp data dir,
 * the real OS keychain (under a per-run service name, cleaned up on close) and a fresh browser profile.
 */
export async function launchApp(
  options: {
    colorScheme?: 'light' | 'dark';
    /** Stand-ins for what only Electron provides, e.g. `openCsvBundle` answering with a fixture path. */
    handlerOptions?: Partial<HandlerOptions>;
  } = {},
): Promise<E2EApp> {
  ensureBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'preflight-e2e-data-'));
  const userDataDir = await mkdtemp(join(tmpdir(), 'preflight-e2e-chromium-'));
  const secretStore = new KeytarSecretStore({ service: `Roster Preflight e2e ${randomUUID()}` });
  const services = createServices({ dataDir, secretStore });
  const opened: string[] = [];
  const pageErrors: string[] = [];

  let page: Page | undefined;
  let log: BridgeLog | undefined;
  const handlers = createHandlers(
    services,
    createEmitter(
      () => page,
      () => log,
    ),
    {
      appVersion: '0.0.0-e2e',
      platform: process.platform,
      openExternal: async (url) => void opened.push(url),
      ...options.handlerOptions,
    },
  );

  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  try {
    server = await serveStatic(RENDERER_DIR);
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
      locale: 'en-US',
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url.replace(/\/$/, ''),
    });
    page = context.pages()[0] ?? (await context.newPage());
    log = await installBridge(page, handlers);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(server.url);
  } catch (err) {
    await context?.close().catch(() => undefined);
    await server?.close();
    await disposeHandlers(handlers);
    throw err;
  }

  const readyPage = page;
  const readyContext = context;
  const readyServer = server;
  return {
    page: readyPage,
    context: readyContext,
    services,
    handlers,
    dataDir,
    log: log as BridgeLog,
    opened,
    pageErrors,
    screenshot: async (name) => {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await readyPage.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    },
    close: async () => {
      await disposeHandlers(handlers);
      // Leave nothing in the keychain: delete every secret this run stored.
      for (const profile of await services.profiles.list().catch(() => [])) {
        await services.vault.deleteAll(profile.id).catch(() => undefined);
      }
      await readyContext.close().catch(() => undefined);
      await readyServer.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
