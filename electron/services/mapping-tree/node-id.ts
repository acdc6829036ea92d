import type { MappingNodeKind } from '../../../shared/mapping/tree-views';

/**
 * Node ids are `<kind>:<key>` with the key's parts URI-encoded and joined by '/': readable in tests and logs
 * (`section:CLS-001`, `term:SCH-001/T-2027-S1`) and stable across re-evaluations of the same data, so the
 * renderer can keep its expanded set when the tree is rebuilt.
 */
export function nodeId(kind: MappingNodeKind, ...parts: string[]): string {
  return `${kind}:${parts.map(encodeURIComponent).join('/')}`;
}

export function districtId(orgId: string): string {
  return nodeId('district', orgId);
}

export function accountId(accountCanvasId: string): string {
  return nodeId('account', accountCanvasId);
}

/** A Canvas term as it appears under one account ('' = directly under the district). */
export function termNodeId(accountCanvasId: string, termCanvasId: string): string {
  return nodeId('term', accountCanvasId, termCanvasId);
}

export function courseId(courseCanvasId: string): string {
  return nodeId('course', courseCanvasId);
}

export function sectionId(sectionCanvasId: string): string {
  return nodeId('section', sectionCanvasId);
}
