import type { ConversionResult, SimulationRow } from '../../../shared/conversion/types';
import type { Plan } from '../../../shared/plan/types';
import type { Finding } from '../../../shared/rules/finding';
import type { ImportMode } from '../../../shared/sync/import-mode';
import type { BaselineStore } from '../canvas-baseline';
import { predictionFindings } from '../canvas-import-model';
import { isCodedError } from '../../../shared/errors';
import { importParams } from '../sync/params';
import { acceptedChangeSisIdRows } from './change-sis-id';
import { predictSyncImport } from './sync-prediction';

/**
 * The conversion's view of the sync: the plan's CSV files with the accepted remaps, predicted row by row against
 * the baseline (docs/canvas-importer.md). Every row Canvas would skip or reject becomes a finding on its OneRoster
 * record (CNV-LOGIN-CLAIMED, CNV-ROW-SKIPPED), so evaluate shows them before anything is sent. Its simulation
 * rows (what each row and the batch cleanup do, per type and term) are the conversion's threshold simulation, so
 * the Conversion screen, CNV-ENR-DROP and the sync preview count the same objects. The prediction is remembered
 * (sync-prediction.ts): the sync preview of the same plan and mode reuses it.
 */
export function predictedRows(input: {
  plan: Plan;
  baselineStore: BaselineStore;
  baselineId: string;
  importMode: ImportMode;
  proposals: ConversionResult['proposals'];
}): { findings: Finding[]; simulationRows: SimulationRow[] | null } {
  let params: Record<string, string>;
  try {
    params = importParams(input.importMode);
  } catch (e) {
    // An import mode that cannot be sent is reported by the threshold simulation and the sync checks.
    if (isCodedError(e)) return { findings: [], simulationRows: null };
    throw e;
  }
  let findings: Finding[] = [];
  let simulationRows: SimulationRow[] | null = null;
  predictSyncImport(
    {
      plan: input.plan,
      baselineStore: input.baselineStore,
      baselineId: input.baselineId,
      remaps: acceptedChangeSisIdRows(input),
      params,
      timeZone: null,
    },
    (prediction) => {
      findings = predictionFindings(prediction, { skipAbort: true });
      // A refused import applies nothing: the simulation then shows what the plan would do (the refusal is a finding).
      simulationRows = prediction.refusal ? null : prediction.simulationRows;
    },
  );
  return { findings, simulationRows };
}
