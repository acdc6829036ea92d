import { describe, expect, it } from 'vitest';
import { basePathCandidates } from '../../electron/services/verify/base-path-candidates';

/** The variants tried after a 404 on /orgs, most likely first (docs/rules.md CONN-BASE-PATH). */
describe('basePathCandidates', () => {
  it('a bare host gets the 1.1 root first, then the version-only and 1.0 roots', () => {
    expect(basePathCandidates('https://district.example.com')).toEqual([
      'https://district.example.com/ims/oneroster/v1p1',
      'https://district.example.com/v1p1',
      'https://district.example.com/learningdata/v1',
      'https://district.example.com/ims/oneroster/rostering/v1p2',
    ]);
  });

  it('a 1.1 base (a 1.2-only provider) is offered the 1.2 rostering root, keeping a vendor prefix', () => {
    expect(basePathCandidates('https://h/ims/oneroster/v1p1')).toContain(
      'https://h/ims/oneroster/rostering/v1p2',
    );
    expect(basePathCandidates('https://h/sis/ims/oneroster/v1p1')).toContain(
      'https://h/sis/ims/oneroster/rostering/v1p2',
    );
    // …and a 1.2 base (a 1.1-only provider) still gets the 1.1 root first.
    expect(basePathCandidates('https://h/ims/oneroster/rostering/v1p2')[0]).toBe(
      'https://h/ims/oneroster/v1p1',
    );
  });

  it('a OneRoster root with the wrong or missing version, or a pasted collection, is normalised to v1p1', () => {
    for (const base of [
      'https://h/ims/oneroster',
      'https://h/ims/oneroster/v1p2',
      'https://h/ims/oneroster/v1p1/orgs',
      'https://h/ims/oneroster/v1p1/users/',
    ]) {
      expect(basePathCandidates(base)[0], base).toBe('https://h/ims/oneroster/v1p1');
    }
  });

  it('keeps a vendor prefix (Aeries: /admin/ims/oneroster/v1p1) and offers the 1.1 path for a 1.0 base', () => {
    expect(basePathCandidates('https://h/admin/ims/oneroster/v1p2')[0]).toBe(
      'https://h/admin/ims/oneroster/v1p1',
    );
    expect(basePathCandidates('https://h/learningdata/v1')[0]).toBe('https://h/ims/oneroster/v1p1');
  });

  it('a base ending in a version segment is also tried without it and with the 1.1 root', () => {
    const c = basePathCandidates('https://h/api/v1');
    expect(c).toContain('https://h/api/ims/oneroster/v1p1');
    expect(c).toContain('https://h/api');
  });

  it('never suggests the URL it started from', () => {
    for (const base of ['https://h/ims/oneroster/v1p1', 'https://h', 'https://h/learningdata/v1']) {
      expect(basePathCandidates(base)).not.toContain(base);
    }
  });
});
