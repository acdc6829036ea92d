import { afterAll, describe, expect, it } from 'vitest';
import { BASELINE_TABLE } from '../../electron/services/canvas-baseline';
import {
  BASELINE_FIELDS,
  BASELINE_SCHEMAS,
  BASELINE_TYPES,
  BaselineMeta,
  BaselineUser,
} from '../../shared/canvas/baseline';
import { generateBaseline } from '../../electron/services/demo-canvas/generate-baseline';
import { tempStores } from './helpers';

const baseline = generateBaseline({ preset: 'tiny' }, { crosslisted: 2, deletedHolders: 1, multiLogin: 1 });
const stores = tempStores();
afterAll(() => stores.cleanup());

describe('baseline schemas', () => {
  it('round-trips every generated record unchanged', () => {
    for (const type of BASELINE_TYPES) {
      const rows = baseline[type];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows)
        expect(BASELINE_SCHEMAS[type].parse(JSON.parse(JSON.stringify(row)))).toEqual(row);
    }
  });

  it('rejects what Canvas never produces', () => {
    const user = baseline.users[0]!;
    expect(BaselineUser.safeParse({ ...user, canvas_user_id: 'abc' }).success).toBe(false);
    expect(BaselineUser.safeParse({ ...user, status: 'gone' }).success).toBe(false);
    expect(BaselineUser.safeParse({ ...user, created_by_sis: 'true' }).success).toBe(false);
    const { login_id: _missing, ...noLogin } = user;
    expect(BaselineUser.safeParse(noLogin).success).toBe(false);
    expect(BASELINE_SCHEMAS.courses.safeParse({ ...baseline.courses[0]!, status: 'concluded' }).success).toBe(
      true,
    );
  });

  it('storage tables have exactly the schema fields (plus lookup columns)', () => {
    for (const type of BASELINE_TYPES) {
      const cols = (
        stores.snapshots.db.pragma(`table_info(${BASELINE_TABLE[type]})`) as Array<{ name: string }>
      )
        .map((c) => c.name)
        .filter((c) => c !== 'baseline_id' && !c.endsWith('_lower'));
      expect(cols).toEqual([...BASELINE_FIELDS[type]]);
    }
  });

  it('metadata of a stored baseline matches its schema', () => {
    const id = stores.baselines.createBaseline({ source: 'report', profileId: 'p1' });
    const meta = stores.baselines.complete(id);
    expect(BaselineMeta.parse(meta)).toEqual(meta);
    expect(meta.counts?.users).toEqual({ total: 0, byStatus: {} });
  });
});
