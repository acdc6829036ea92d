import type { DemoLauncher } from '../../../services/demo/launcher';
import type { HandlerServices } from '../services';
import type { HandlerGroup } from '../types';
import { profileView } from './profiles';

/** demo:open — "Open demo district": the bundled provider and Canvas double, and the profile pointing at them. */
export function demoHandlers(services: HandlerServices, demo: DemoLauncher): HandlerGroup<'demo:open'> {
  return { 'demo:open': async () => profileView(services, await demo.open()) };
}
