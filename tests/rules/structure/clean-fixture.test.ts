import { describe, expect, it } from 'vitest';
import { cleanDistrict, evaluate } from './helpers';

describe('structure rules on a clean hand-made district', () => {
  it('reports nothing', () => {
    expect(evaluate({ ...cleanDistrict() })).toEqual([]);
  });
});
