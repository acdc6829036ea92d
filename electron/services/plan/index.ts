export { buildPlan } from './build-plan';
export { planCounts } from './summary';
export { indexPlan, planTree, type PlanIndex } from './tree';
export { renderTemplate, TEMPLATE_FIELDS, type TemplateField } from './templates';
export { writePlanFiles, writePlanJson } from './write';
