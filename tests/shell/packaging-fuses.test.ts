import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test-support/e2e/build';

/**
 * The packaged app's Electron fuses, read the way `electron-builder` reads them (its own config loader and
 * schema validation), so a typo or a dropped key fails here rather than shipping an app any local process can
 * run as Node (ELECTRON_RUN_AS_NODE), inject into (NODE_OPTIONS) or debug (--inspect) to reach the keychain.
 */
const require = createRequire(import.meta.url);

interface BuilderConfig {
  asar?: boolean | object | null;
  electronFuses?: Record<string, boolean> | null;
}

async function loadBuilderConfig(): Promise<BuilderConfig> {
  const config = require('app-builder-lib/out/util/config/config.js') as {
    getConfig(dir: string, path: null, options: null): Promise<BuilderConfig>;
    validateConfiguration(c: BuilderConfig, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const loaded = await config.getConfig(ROOT, null, null);
  await config.validateConfiguration(loaded, new DebugLogger(false));
  return loaded;
}

describe('packaging config (electron-builder.yml)', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect, and loads the app only from an integrity-checked asar', async () => {
    const cfg = await loadBuilderConfig();
    expect(cfg.electronFuses).toEqual(
      expect.objectContaining({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
      }),
    );
    // onlyLoadAppFromAsar with asar switched off would leave the app unable to start.
    expect(cfg.asar).not.toBe(false);
  });
});
