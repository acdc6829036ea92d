import type { IconName } from '../components/Icon';

export type ScreenId =
  | 'profiles'
  | 'verify'
  | 'pull'
  | 'compare'
  | 'mapping'
  | 'options'
  | 'findings'
  | 'conversion'
  | 'report'
  | 'sync';

export interface ScreenInfo {
  id: ScreenId;
  label: string;
  icon: IconName;
  /** One line under the title. */
  summary: string;
  /** Later screens: what they will do (shown in their "coming next" state). */
  comingNext?: readonly string[];
}

export const SCREENS: readonly ScreenInfo[] = [
  {
    id: 'profiles',
    label: 'Districts',
    icon: 'building',
    summary: 'District connections and their keychain secrets.',
  },
  {
    id: 'verify',
    label: 'Verify',
    icon: 'check',
    summary: 'Check the OneRoster connection endpoint by endpoint.',
  },
  {
    id: 'pull',
    label: 'Pull',
    icon: 'download',
    summary: 'Download every collection into a dated snapshot.',
  },
  {
    id: 'compare',
    label: 'Compare',
    icon: 'compare',
    summary: "What changed between two snapshots: what tonight's sync would do.",
  },
  {
    id: 'mapping',
    label: 'Mapping',
    icon: 'tree',
    summary:
      'How the roster lands in Canvas: district → school → term → course → section, and the term timeline.',
  },
  {
    id: 'options',
    label: 'Mapping options',
    icon: 'edit',
    summary: 'How OneRoster records become Canvas objects for this district, with a live preview.',
  },
  {
    id: 'findings',
    label: 'Findings',
    icon: 'flag',
    summary: 'Every rule finding for the latest snapshot, with the readiness verdict.',
  },
  {
    id: 'conversion',
    label: 'Conversion',
    icon: 'swap',
    summary: 'What happens to the users, courses and terms already in Canvas.',
  },
  {
    id: 'report',
    label: 'Report',
    icon: 'document',
    summary: 'A readiness report to send to the district.',
  },
  {
    id: 'sync',
    label: 'Sync',
    icon: 'upload',
    summary: 'A supervised one-off import into Canvas.',
  },
];

export function screenInfo(id: ScreenId): ScreenInfo {
  const info = SCREENS.find((s) => s.id === id);
  if (!info) throw new Error(`Unknown screen ${id}`);
  return info;
}
