// The SchemaModel over the generated definitions: lookup by group/version/kind and $ref resolution.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Schema, SchemaModel } from '../openapi-model.ts';
import { definitionsPath, writeDefinitions } from './generate.ts';

const require = createRequire(import.meta.url);
const REF_PREFIXES = ['#/definitions/', '#/components/schemas/'];

/** The definition name a $ref points at ('#/definitions/X' or '#/components/schemas/X' → 'X'). */
export function refName(ref: string): string {
  for (const p of REF_PREFIXES) if (ref.startsWith(p)) return ref.slice(p.length);
  return ref;
}

/** The model over `definitions`, which must not change afterwards (resolutions are kept). */
export function newSchemaModel(definitions: Record<string, Schema>): SchemaModel {
  const byGVK = new Map<string, string>();
  for (const [name, schema] of Object.entries(definitions)) {
    for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
      const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
      if (!byGVK.has(key)) byGVK.set(key, name);
    }
  }
  const resolved = new Map<string, Schema>();
  return {
    definitions,
    definitionFor(group, version, kind) {
      return byGVK.get(`${group}/${version}/${kind}`);
    },
    resolve(schema) {
      const ref = schema.$ref;
      if (ref === undefined) return schema;
      // Every write resolves the same few hundred references many times over.
      const known = resolved.get(ref);
      if (known) return known;
      let s = schema;
      for (let i = 0; s.$ref !== undefined && i < 32; i++) {
        const target = definitions[refName(s.$ref)];
        if (!target) throw new Error(`unknown OpenAPI definition ${s.$ref}`);
        s = target;
      }
      resolved.set(ref, s);
      return s;
    },
  };
}

let cached: SchemaModel | undefined;

/** Missing, or older than the generator, its extension table or the kubernetes-types package. */
function isStale(file: string): boolean {
  if (!fs.existsSync(file)) return true;
  const built = fs.statSync(file).mtimeMs;
  // In a compiled build (dist/*.js) the .ts sources are absent: only the package date counts.
  const sources = [new URL('./generate.ts', import.meta.url), new URL('./extensions.ts', import.meta.url), require.resolve('kubernetes-types/package.json')];
  return sources.some((s) => {
    try {
      return fs.statSync(s).mtimeMs > built;
    } catch {
      return false;
    }
  });
}

/** The model of every built-in kind, loaded once; (re)generates the definitions file first if it is missing or stale. */
export function getSchemaModel(): SchemaModel {
  if (cached) return cached;
  const file = definitionsPath();
  if (isStale(file)) writeDefinitions(file);
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { definitions: Record<string, Schema> };
  cached = newSchemaModel(doc.definitions);
  return cached;
}
