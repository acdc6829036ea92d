import type { MappingNodeKind } from '../../../shared/mapping/tree-views';
import { StrokeIcon } from '../../components/Icon';

/** One small stroke icon per tree level (24px grid, like components/Icon), coloured per kind in CSS. */
const PATHS: Record<MappingNodeKind, string> = {
  district: 'M3 21h18M4 10h16M12 3l8 5H4zM6 10v8M10 10v8M14 10v8M18 10v8M4 18h16',
  account: 'M4 21V8l8-5 8 5v13M9 21v-5h6v5M4 21h16M12 8.5v.01M12 12v.01',
  term: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4M8 14h2M14 14h2M8 17h2',
  course: 'M5 4h11a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3zM5 17a3 3 0 0 1 3-3h11M9 8h6',
  section: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20a6 6 0 0 1 12 0M16 11a3 3 0 1 0 0-6M21 20a6 6 0 0 0-4-5.6',
};

export function KindIcon({ kind, size = 16 }: { kind: MappingNodeKind; size?: number }) {
  return <StrokeIcon d={PATHS[kind]} size={size} className={`kind-icon kind-${kind}`} />;
}
