/**
 * Base URLs worth trying when `/orgs` answers 404 (docs/rules.md CONN-BASE-PATH), most likely first:
 * the 1.1 root (`/ims/oneroster/v1p1`), the 1.2 rostering root (`/ims/oneroster/rostering/v1p2`), the 1.0 root
 * (`/learningdata/v1`), the base with the version segment appended or removed, and the base without a collection
 * name pasted onto its end.
 */
const COLLECTION_SEGMENTS = new Set([
  'orgs',
  'schools',
  'academicsessions',
  'terms',
  'gradingperiods',
  'courses',
  'classes',
  'users',
  'students',
  'teachers',
  'enrollments',
  'demographics',
]);
const VERSION_SEGMENT = /^v\d+(p\d+)?$/i;
/** 1.2 splits the API into services; rostering is the one Canvas needs. */
const V1P2_ROOT = ['ims', 'oneroster', 'rostering', 'v1p2'];

export function basePathCandidates(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  const origin = url.origin;
  let segments = url.pathname.split('/').filter(Boolean);
  // Someone pasted an endpoint URL (…/v1p1/orgs) as the base.
  while (segments.length && COLLECTION_SEGMENTS.has(segments[segments.length - 1]!.toLowerCase())) {
    segments = segments.slice(0, -1);
  }
  const join = (segs: string[]): string => (segs.length ? `${origin}/${segs.join('/')}` : origin);
  const prefixBefore = (marker: string[]): string[] | null => {
    for (let i = 0; i + marker.length <= segments.length; i++) {
      if (marker.every((m, j) => segments[i + j]!.toLowerCase() === m)) return segments.slice(0, i);
    }
    return null;
  };

  const out: string[] = [];
  const imsPrefix = prefixBefore(['ims', 'oneroster']);
  const ldPrefix = prefixBefore(['learningdata']);
  const rootPrefix = imsPrefix ?? ldPrefix;
  if (rootPrefix) {
    // A OneRoster root is there but the version (or the pasted collection) is off: normalise it.
    out.push(
      join([...rootPrefix, 'ims', 'oneroster', 'v1p1']),
      join([...rootPrefix, ...V1P2_ROOT]),
      join([...rootPrefix, 'learningdata', 'v1']),
    );
  } else {
    const last = segments[segments.length - 1];
    const withoutVersion = last && VERSION_SEGMENT.test(last) ? segments.slice(0, -1) : null;
    out.push(join([...segments, 'ims', 'oneroster', 'v1p1']));
    if (withoutVersion) out.push(join([...withoutVersion, 'ims', 'oneroster', 'v1p1']), join(withoutVersion));
    else out.push(join([...segments, 'v1p1']));
    out.push(join([...segments, 'learningdata', 'v1']));
  }
  out.push(join(segments));
  out.push(join(['ims', 'oneroster', 'v1p1']), join(V1P2_ROOT), join(['learningdata', 'v1']));

  const original = join(url.pathname.split('/').filter(Boolean));
  return [...new Set(out)].filter((c) => c !== original);
}
