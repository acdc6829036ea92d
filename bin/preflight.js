#!/usr/bin/env node
// The `preflight` CLI runs the same TypeScript services as the app, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
