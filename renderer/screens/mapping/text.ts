import type { MappingNode, MappingNodeKind } from '../../../shared/mapping/tree-views';
import { plural } from '../../format';

export const KIND_LABEL: Record<MappingNodeKind, string> = {
  district: 'District',
  account: 'School',
  term: 'Term',
  course: 'Course',
  section: 'Section',
};

/** The kind with its Canvas meaning, for the detail header. */
export const KIND_CANVAS: Record<MappingNodeKind, string> = {
  district: 'District · Canvas root account',
  account: 'School · Canvas sub-account',
  term: 'Term · Canvas enrollment term',
  course: 'Canvas course',
  section: 'Canvas section',
};

/** The counts that matter at each level: "412 courses · 3,210 students". */
export function countsText(node: MappingNode): string {
  const c = node.counts;
  const people = [plural(c.teachers, 'teacher', 'teachers'), plural(c.students, 'student', 'students')];
  switch (node.kind) {
    case 'district':
    case 'account':
    case 'term':
      return [plural(c.courses, 'course', 'courses'), ...people].join(' · ');
    case 'course':
      return [plural(c.sections, 'section', 'sections'), ...people].join(' · ');
    case 'section':
      return people.join(' · ');
  }
}

/** For screen readers: "2 blockers, 5 warnings" (or "no problems"). */
export function badgesText(node: MappingNode): string {
  const parts: string[] = [];
  if (node.badges.blocker) parts.push(plural(node.badges.blocker, 'blocker', 'blockers'));
  if (node.badges.warning) parts.push(plural(node.badges.warning, 'warning', 'warnings'));
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}
