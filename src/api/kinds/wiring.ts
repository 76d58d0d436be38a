// Attaches the per-kind validators (src/api/validation/index.ts, keyed '<group>/<Kind>') to
// registry entries. A kind without a validator validates nothing beyond the generic metadata
// checks.

import { validators as table } from '../validation/index.ts';
import type { FieldError } from '../errors.ts';
import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';

export interface KindValidator {
  create(obj: KubeObject): FieldError[];
  update?(obj: KubeObject, old: KubeObject): FieldError[];
  status?(obj: KubeObject, old: KubeObject): FieldError[];
}

const validators: Record<string, KindValidator | undefined> = table;

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
