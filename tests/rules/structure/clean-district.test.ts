import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedDistrict, GuidRef } from '../../../electron/services/demo-provider';
import { openSnapshotStore, type SnapshotStore } from '../../../electron/services/snapshots';
import type { Finding } from '../../../shared/rules/finding';
import { writeDistrictSnapshot } from '../../../test-support/district-snapshot';
import { runModules } from './helpers';

/**
 * The clean generated district (small preset) written through the store writer: the structure rules must be silent on it.
 * Full-year classes list both semesters and the school year that contains them, so the containing session is
 * the unambiguous Canvas term and CLASS-MULTI-TERM stays silent.
 */
describe('structure rules on a clean generated district', () => {
  let dir: string;
  let store: SnapshotStore;
  let snapshotId: string;
  let district: GeneratedDistrict;
  let findings: Finding[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'structure-clean-'));
    store = openSnapshotStore(dir);
    ({ snapshotId, district } = writeDistrictSnapshot(store, { preset: 'small' }));
    findings = runModules(store.db, snapshotId);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports nothing on clean data', () => {
    expect(findings).toEqual([]);
  });

  it('gives full-year classes both semesters plus the containing school year', () => {
    const classes = district.tables.classes;
    let fullYear = 0;
    for (let i = 0; i < classes.size; i++) {
      const terms = (classes.build(i, { baseUrl: '' }).terms as GuidRef[]).map((t) => t.sourcedId);
      if (terms.length === 1) continue;
      fullYear++;
      expect(terms).toEqual([
        expect.stringMatching(/^T-2027-S1-\d{3}$/),
        expect.stringMatching(/^T-2027-S2-\d{3}$/),
        'SY-2027',
      ]);
    }
    expect(fullYear).toBeGreaterThan(0);
  });

  it('stays free of warnings and blockers with term merging off', () => {
    const unmerged = runModules(store.db, snapshotId, { termMerge: false });
    expect(unmerged.filter((f) => f.severity !== 'info' && f.ruleId !== 'TERM-DUPLICATE')).toEqual([]);
  });
});
