import { randomBytes } from 'node:crypto';
import {
  createSisImportState,
  generateBaseline,
  sisImportRoutes,
  startCanvasDouble,
  type BaselineScenarios,
  type RunningCanvasDouble,
} from '../demo-canvas';
import { DEMO_DISTRICT, startProvider, type DistrictSpec, type RunningProvider } from '../demo-provider';

/**
 * What the demo Canvas holds: the demo district as a previous SIS integration left it, with a few of each
 * conversion case (old SIS ids, claimed logins, taken SIS ids, renamed schools and terms, orphans, crosslists),
 * so the Conversion screen has something to show in every table.
 */
export const DEMO_CANVAS_SCENARIOS: BaselineScenarios = {
  seed: 11,
  absentShare: 0.08,
  oldSisIdShare: 0.03,
  claimedLogins: 3,
  sisIdTaken: 2,
  deletedHolders: 2,
  multiLogin: 3,
  renamedSchools: 1,
  renamedTerms: 1,
  orphanCourses: 4,
  crosslisted: 2,
};

/** A fresh Canvas token for one run of the demo: the double only answers to it. */
export function demoCanvasToken(): string {
  return `demo-${randomBytes(24).toString('hex')}`;
}

/**
 * The Canvas double for the demo district. It also takes SIS imports, so a sync can be tried end to end: it
 * applies them to its Canvas like Canvas would (skipped rows, counts, batch mode, change_threshold).
 */
export function startDemoCanvas(
  district: DistrictSpec = DEMO_DISTRICT,
  token: string = demoCanvasToken(),
): Promise<RunningCanvasDouble> {
  const baseline = generateBaseline(district, DEMO_CANVAS_SCENARIOS);
  // Imports are applied to the same rows the double serves, row by row as Canvas does (docs/canvas-importer.md).
  const sisImports = createSisImportState({
    knownTermIds: baseline.terms.map((t) => t.term_id),
    canvas: baseline,
  });
  return startCanvasDouble({ baseline, token, extraRoutes: sisImportRoutes(sisImports) });
}

export interface DemoServers {
  provider: RunningProvider;
  canvas: RunningCanvasDouble;
  canvasToken: string;
  close(): Promise<void>;
}

/** Both demo servers on loopback; if one fails to start, the other is stopped again. */
export async function startDemoServers(district: DistrictSpec = DEMO_DISTRICT): Promise<DemoServers> {
  const canvasToken = demoCanvasToken();
  const [provider, canvas] = await Promise.allSettled([
    startProvider({ district }),
    startDemoCanvas(district, canvasToken),
  ]);
  if (provider.status === 'rejected' || canvas.status === 'rejected') {
    await Promise.allSettled([
      provider.status === 'fulfilled' ? provider.value.close() : undefined,
      canvas.status === 'fulfilled' ? canvas.value.close() : undefined,
    ]);
    throw provider.status === 'rejected' ? provider.reason : (canvas as PromiseRejectedResult).reason;
  }
  return {
    provider: provider.value,
    canvas: canvas.value,
    canvasToken,
    close: async () => {
      await Promise.allSettled([provider.value.close(), canvas.value.close()]);
    },
  };
}
