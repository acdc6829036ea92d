/** Name templates (mapping option *Template): `{title} - {period} - {teacherLastName}`. */
export const TEMPLATE_FIELDS = [
  'title',
  'classCode',
  'courseCode',
  'courseTitle',
  'period',
  'teacherLastName',
  'termTitle',
  'schoolName',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateVars = Record<TemplateField, string>;

const PLACEHOLDER = /\{(\w+)\}/g;
/** Separators left dangling by an empty placeholder ("Algebra -  - Smith", "Algebra - "). */
const DANGLING_EDGE = /^[\s\-–—|/,:;]+|[\s\-–—|/,:;]+$/g;
const DOUBLED = /(\s*[-–—|/,:;]\s*)(?:[-–—|/,:;]\s*)+/g;

export function usesField(template: string, field: TemplateField): boolean {
  return template.includes(`{${field}}`);
}

/**
 * Fills the placeholders (unknown ones are kept as typed, so a typo is visible in the plan) and tidies the
 * separators an empty value leaves behind. Returns '' when nothing is left; callers fall back.
 */
export function renderTemplate(template: string, vars: TemplateVars): string {
  const filled = template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(vars, name) ? vars[name as TemplateField].trim() : whole,
  );
  if (filled === template) return filled.trim();
  return filled
    .replace(DOUBLED, '$1')
    .replace(DANGLING_EDGE, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
