// Attaches the per-kind validators (src/api/validation/index.ts, keyed '<group>/<Kind>') to
// registry entries. The validators are looked up when a request is validated, so a kind
// without a validator yet simply validates nothing beyond the generic metadata checks.

import { fileURLToPath } from 'node:url';
import type { FieldError } from '../errors.ts';
import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';

export interface KindValidator {
  create(obj: KubeObject): FieldError[];
  update?(obj: KubeObject, old: KubeObject): FieldError[];
  status?(obj: KubeObject, old: KubeObject): FieldError[];
}

let validators: Record<string, KindValidator | undefined> = {};

// The validation table is written alongside this registry; load it when present and fail
// loudly on any error other than its absence.
const validationURL = new URL('../validation/index.ts', import.meta.url).href;
try {
  const mod: unknown = await import(validationURL);
  const table = typeof mod === 'object' && mod !== null ? (mod as { validators?: unknown }).validators : undefined;
  if (typeof table === 'object' && table !== null) validators = table as Record<string, KindValidator | undefined>;
} catch (e) {
  const code = (e as { code?: unknown }).code;
  const msg = e instanceof Error ? e.message : '';
  // Only the table's own absence is tolerated, not a missing import inside it.
  if (!(code === 'ERR_MODULE_NOT_FOUND' && msg.startsWith(`Cannot find module '${fileURLToPath(validationURL)}'`))) throw e;
}

/** The validator for a key such as '/Pod' or 'apps/Deployment', if one is registered. */
export function validatorFor(key: string): KindValidator | undefined {
  return validators[key];
}

type ValidationHooks = Pick<ResourceType, 'validate' | 'validateUpdate' | 'validateStatusUpdate'>;

/**
 * validate / validateUpdate / validateStatusUpdate hooks reading validators[key] on each call.
 * `convert` maps the served form to the validator's form (e.g. autoscaling/v1 → v2).
 */
export function validation(key: string, convert?: (o: KubeObject) => KubeObject): ValidationHooks {
  const c = convert ?? ((o: KubeObject) => o);
  return {
    validate: (obj) => validators[key]?.create(c(obj)) ?? [],
    validateUpdate: (obj, old) => {
      const v = validators[key];
      if (!v) return [];
      return v.update ? v.update(c(obj), c(old)) : v.create(c(obj));
    },
    validateStatusUpdate: (obj, old) => validators[key]?.status?.(c(obj), c(old)) ?? [],
  };
}
