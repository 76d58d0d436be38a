// Strict field validation: the paths of fields an object carries that its schema does not know,
// in upstream's form ('spec.replicass', 'spec.template.spec.containers[0].imagee').

import type { Schema, SchemaModel } from '../openapi-model.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function walk(value: unknown, schema: Schema, model: SchemaModel, path: string, out: string[]): void {
  const s = model.resolve(schema);
  if (s['x-kubernetes-preserve-unknown-fields'] || s['x-kubernetes-int-or-string']) return;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => walk(item, s.items as Schema, model, `${path}[${i}]`, out));
    return;
  }
  if (!isPlainObject(value)) return;
  const props = s.properties;
  const extra = s.additionalProperties;
  // An object schema with neither properties nor a value schema (RawExtension, FieldsV1, untyped JSON) takes anything.
  if (!props && (extra === undefined || extra === true)) return;
  for (const [key, v] of Object.entries(value)) {
    const prop = props?.[key];
    if (prop) walk(v, prop, model, join(path, key), out);
    else if (typeof extra === 'object') walk(v, extra, model, join(path, key), out);
    else if (extra !== true) out.push(join(path, key));
  }
}

/** Paths of fields in obj that the definition (e.g. 'io.k8s.api.apps.v1.Deployment') does not declare. */
export function findUnknownFields(obj: unknown, model: SchemaModel, definitionName: string): string[] {
  const def = model.definitions[definitionName];
  if (!def) return [];
  const out: string[] = [];
  walk(obj, def, model, '', out);
  return out;
}
