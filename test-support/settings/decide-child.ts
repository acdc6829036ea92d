// One process of the parallel-decisions test: acknowledges three findings and accepts three remaps of one district,
// through the stores `preflight findings acknowledge`, `preflight remaps accept` and the app's handlers use.
// It first says it is ready (a file), then waits for the go file, so every process writes at the same moment.
// Usage: DATA_DIR PROFILE_ID INDEX.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { decide, RemapDecisionStore } from '../../electron/services/conversion/decisions';
import { SettingsStore } from '../../electron/services/settings/settings-store';

const [dataDir, profileId, index] = process.argv.slice(2) as [string, string, string];
const settings = new SettingsStore(dataDir);
const decisions = new RemapDecisionStore(dataDir);

writeFileSync(join(dataDir, `ready-${index}`), '');
while (!existsSync(join(dataDir, 'go'))) await sleep(2);

const acks = async () => {
  for (let k = 0; k < 3; k++) {
    const ack = {
      ruleId: 'USER-NO-USERNAME',
      entityType: 'user',
      sourcedId: `user-${index}-${k}`,
      reason: 'the district fixes it next week',
      by: `admin ${index}`,
    };
    // Both ways in: the app's settings:change (acknowledge) and the CLI's read-modify-write of the whole list.
    if (k % 2 === 0) await settings.acknowledge(profileId, ack);
    else
      await settings.updateAcknowledgements(profileId, (list) => [
        ...list,
        { ...ack, at: new Date().toISOString() },
      ]);
  }
};
const remaps = async () => {
  for (let k = 0; k < 3; k++)
    await decisions.update(profileId, (d) => decide(d, [`remap-${index}-${k}`], 'accepted'));
};
await Promise.all([acks(), remaps()]);
