// Strict field validation: the paths of fields an object carries that its schema does not know,
// in upstream's form ('spec.replicass', 'spec.template.spec.containers[0].imagee').

import type { Schema, SchemaModel } from '../openapi-model.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A path in upstream's form from the keys and indexes on the way down, built only for an unknown field. */
function pathOf(segs: (string | number)[]): string {
  let path = '';
  for (const seg of segs) {
    if (typeof seg === 'number') path = `${path}[${seg}]`;
    else path = path ? `${path}.${seg}` : seg;
  }
  return path;
}

/** `segs` is a stack shared by the whole walk. */
function walk(value: unknown, schema: Schema, model: SchemaModel, segs: (string | number)[], out: string[]): void {
  const s = model.resolve(schema);
  if (s['x-kubernetes-preserve-unknown-fields'] || s['x-kubernetes-int-or-string']) return;
  if (Array.isArray(value)) {
    const items = s.items;
    if (!items) return;
    for (let i = 0; i < value.length; i++) {
      segs.push(i);
      walk(value[i], items, model, segs, out);
      segs.pop();
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const props = s.properties;
  const extra = s.additionalProperties;
  // An object schema with neither properties nor a value schema (RawExtension, FieldsV1, untyped JSON) takes anything.
  if (!props && (extra === undefined || extra === true)) return;
  for (const key of Object.keys(value)) {
    const prop = props?.[key];
    const next = prop ?? (typeof extra === 'object' ? extra : undefined);
    if (next) {
      segs.push(key);
      walk(value[key], next, model, segs, out);
      segs.pop();
    } else if (extra !== true) {
      segs.push(key);
      out.push(pathOf(segs));
      segs.pop();
    }
  }
}

/** Paths of fields in obj that the definition (e.g. 'io.k8s.api.apps.v1.Deployment') does not declare. */
export function findUnknownFields(obj: unknown, model: SchemaModel, definitionName: string): string[] {
  const def = model.definitions[definitionName];
  if (!def) return [];
  const out: string[] = [];
  walk(obj, def, model, [], out);
  return out;
}
