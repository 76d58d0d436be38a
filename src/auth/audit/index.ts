export { withAudit } from './filter.ts';
export { evaluatePolicy, loadPolicy, parsePolicy } from './policy.ts';
export type { Level, Policy, PolicyRule, Stage } from './policy.ts';
export { fileAuditWriter, memoryAuditWriter } from './writer.ts';
export type { AuditWriter, FileWriterOptions } from './writer.ts';
