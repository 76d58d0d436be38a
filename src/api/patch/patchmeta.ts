// Patch metadata looked up in the OpenAPI model, as upstream's PatchMetaFromOpenAPI: the
// x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key of each field.

import type { Schema, SchemaModel } from '../openapi-model.ts';

export interface FieldMeta {
  /** The field's own schema with $ref followed; undefined when the model does not know it. */
  schema: Schema | undefined;
  /** e.g. ['merge', 'retainKeys']; empty means replace. */
  strategies: string[];
  mergeKey: string | undefined;
}

const unknownField: FieldMeta = { schema: undefined, strategies: [], mergeKey: undefined };

/** Metadata of member `key` of an object whose schema is `parent` (resolved). */
export function fieldMeta(model: SchemaModel, parent: Schema | undefined, key: string): FieldMeta {
  if (!parent) return unknownField;
  let raw: Schema | undefined = parent.properties?.[key];
  if (!raw && typeof parent.additionalProperties === 'object') raw = parent.additionalProperties;
  if (!raw) return unknownField;
  const resolved = model.resolve(raw);
  // Extensions may sit on the property or on the referenced definition.
  const strategy = raw['x-kubernetes-patch-strategy'] ?? resolved['x-kubernetes-patch-strategy'];
  return {
    schema: resolved,
    strategies: strategy ? strategy.split(',').map((s) => s.trim()).filter(Boolean) : [],
    mergeKey: raw['x-kubernetes-patch-merge-key'] ?? resolved['x-kubernetes-patch-merge-key'],
  };
}

/** The resolved schema of a list's items. */
export function itemSchema(model: SchemaModel, list: Schema | undefined): Schema | undefined {
  return list?.items ? model.resolve(list.items) : undefined;
}
