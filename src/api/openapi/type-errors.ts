// The type checks upstream's typed JSON decoding makes: a field given as the wrong JSON type
// (an array where an object belongs, a string for an integer…) is a 400, reported in Go's words:
// `json: cannot unmarshal array into Go struct field PodTemplateSpec.template.metadata of type v1.ObjectMeta`.

import type { Schema, SchemaModel } from '../openapi-model.ts';

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return 'number';
  return typeof v;
}

/** The Go-ish type name of a schema, for the message (v1.ObjectMeta, string, int32, []string…). */
function goType(s: Schema, ref: string | undefined): string {
  if (ref) {
    const parts = ref.split('/').pop()?.split('.') ?? [];
    return parts.slice(-2).join('.');
  }
  switch (s.type) {
    case 'integer': return s.format ?? 'int64';
    case 'number': return 'float64';
    case 'array': return '[]';
    case 'object': return s.additionalProperties ? 'map[string]' : 'object';
    default: return s.type ?? 'interface {}';
  }
}

interface Found { actual: string; path: string; expected: string }

/** The dotted path of the fields on the way down (arrays add nothing), built only for an error. */
function pathOf(keys: string[]): string {
  let path = '';
  for (const k of keys) path = path ? `${path}.${k}` : k;
  return path;
}

function bad(value: unknown, t: string, s: Schema, ref: string | undefined, keys: string[]): Found {
  return { actual: t === 'number' && !Number.isInteger(value) ? 'number' : t, path: pathOf(keys), expected: goType(s, ref) };
}

/** `keys` is a stack shared by the whole walk. */
function check(value: unknown, schema: Schema, model: SchemaModel, keys: string[], depth: number): Found | undefined {
  // Go decodes null into any field as its zero value.
  if (value === null || value === undefined || depth > 300) return undefined;
  const ref = schema.$ref;
  if (ref?.endsWith('.Quantity')) {
    return typeof value === 'string' || typeof value === 'number' ? undefined : { actual: jsonType(value), path: pathOf(keys), expected: 'resource.Quantity' };
  }
  const s = model.resolve(schema);
  if (s['x-kubernetes-preserve-unknown-fields']) return undefined;
  if (s['x-kubernetes-int-or-string'] || s.format === 'int-or-string') {
    return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) ? undefined : { actual: jsonType(value), path: pathOf(keys), expected: 'intstr.IntOrString' };
  }
  const t = jsonType(value);
  switch (s.type) {
    case 'string': return t === 'string' ? undefined : bad(value, t, s, ref, keys);
    case 'boolean': return t === 'boolean' ? undefined : bad(value, t, s, ref, keys);
    case 'integer': return t === 'number' && Number.isInteger(value) ? undefined : bad(value, t, s, ref, keys);
    case 'number': return t === 'number' ? undefined : bad(value, t, s, ref, keys);
    case 'array': {
      if (t !== 'array') return bad(value, t, s, ref, keys);
      if (!s.items) return undefined;
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) {
        const f = check(items[i], s.items, model, keys, depth + 1);
        if (f) return f;
      }
      return undefined;
    }
    case 'object':
    case undefined: {
      if (s.type === undefined && !s.properties && !s.additionalProperties) return undefined; // untyped JSON
      if (t !== 'object') return bad(value, t, s, ref, keys);
      const obj = value as Record<string, unknown>;
      const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
      for (const k of Object.keys(obj)) {
        const prop = s.properties?.[k] ?? extra;
        if (!prop) continue; // unknown fields are fieldValidation's business
        keys.push(k);
        const f = check(obj[k], prop, model, keys, depth + 1);
        keys.pop();
        if (f) return f;
      }
      return undefined;
    }
  }
  return undefined;
}

/**
 * The first field of obj whose JSON type does not fit the definition, as upstream's decoder
 * words it, or undefined when every field fits.
 */
export function findTypeError(obj: unknown, model: SchemaModel, definitionName: string): string | undefined {
  const def = model.definitions[definitionName];
  if (!def) return undefined;
  const f = check(obj, def, model, [], 0);
  if (!f) return undefined;
  const structName = definitionName.split('.').pop() ?? definitionName;
  return `json: cannot unmarshal ${f.actual} into Go struct field ${structName}.${f.path} of type ${f.expected}`;
}
