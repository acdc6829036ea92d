import { describe, expect, it } from 'vitest';
import { cleanDistrict } from './district';
import { evaluate } from './run-rules';

describe('user and enrollment rules on a clean hand-made district', () => {
  it('finds nothing', () => {
    expect(evaluate(cleanDistrict())).toEqual([]);
  });
});
