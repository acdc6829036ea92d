import { openTextFile } from './text-file';
import type { ReportModel } from '../../../shared/report/model';
import type { Finding } from '../../../shared/rules/finding';
import { redactSecrets } from '../logging/redact';
import { scrubFinding } from './scrub';

/**
 * `{ "report": ReportModel, "findings": [Finding…] }`, streamed one finding per line so a large district is
 * never one giant string. Findings keep the one Finding shape (docs/rules.md), minus credential-named detail fields.
 */
export async function writeReportJson(
  model: ReportModel,
  findings: Iterable<Finding>,
  path: string,
): Promise<void> {
  const file = openTextFile(path);
  const write = file.write;
  await write(`{\n"report": ${redactSecrets(JSON.stringify(model, null, 2))},\n"findings": [`);
  let first = true;
  for (const f of findings) {
    await write(`${first ? '\n' : ',\n'}${redactSecrets(JSON.stringify(scrubFinding(f)))}`);
    first = false;
  }
  await write(first ? ']\n}\n' : '\n]\n}\n');
  await file.close();
}
