// OpenAPI 3.0 documents: the /openapi/v3 index and one document per group version with the
// schemas its operations reach (#/components/schemas/ refs; $ref with siblings as allOf, as upstream).

import type { Registry } from '../../api/registry.ts';
import type { Schema, SchemaModel } from '../../api/openapi-model.ts';
import { allDefinitions, pathsOfRegistry } from './v2.ts';
import type { Operation, PathItem } from './paths.ts';
import type { Parameter } from './parameters.ts';

type Json = Record<string, unknown>;

const V2_REF = '#/definitions/';
const V3_REF = '#/components/schemas/';

function v3Ref(ref: string): string {
  return ref.startsWith(V2_REF) ? V3_REF + ref.slice(V2_REF.length) : ref;
}

/** A v2 schema in v3 form. */
export function toV3Schema(s: Schema): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref') continue;
    if (k === 'properties' && v) {
      out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, ps]) => [p, toV3Schema(ps)]));
    } else if ((k === 'items' || k === 'additionalProperties') && typeof v === 'object' && v !== null) {
      out[k] = toV3Schema(v as Schema);
    } else {
      out[k] = v;
    }
  }
  if (s.$ref === undefined) return out;
  const ref = { $ref: v3Ref(s.$ref) };
  if (Object.keys(out).length === 0) return ref;
  return { allOf: [ref], ...out, default: {} };
}

function refsIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) refsIn(v, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(V2_REF)) into.add(v.slice(V2_REF.length));
      else refsIn(v, into);
    }
  }
}

/** Names of definitions reachable from the given roots. */
function closure(roots: Set<string>, defs: Record<string, Schema>): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop() as string;
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    const next = new Set<string>();
    refsIn(defs[name], next);
    queue.push(...next);
  }
  return [...seen].sort();
}

function v3Parameter(p: Parameter): Json {
  const out: Json = { name: p.name, in: p.in, description: p.description };
  if (p.required) out.required = true;
  out.schema = { type: p.type, uniqueItems: true };
  return out;
}

function v3Operation(o: Operation): Json {
  const params = o.parameters ?? [];
  const bodyParam = params.find((p) => p.in === 'body');
  const out: Json = { tags: o.tags, description: o.description, operationId: o.operationId };
  const rest = params.filter((p) => p.in !== 'body');
  if (rest.length) out.parameters = rest.map(v3Parameter);
  if (bodyParam?.schema) {
    const schema = { $ref: v3Ref(bodyParam.schema.$ref) };
    const types = o['x-kubernetes-action'] === 'patch' ? o.consumes : ['*/*'];
    out.requestBody = { content: Object.fromEntries(types.map((t) => [t, { schema }])), ...(bodyParam.required ? { required: true } : {}) };
  }
  out.responses = Object.fromEntries(Object.entries(o.responses).map(([code, r]) => {
    if (!r.schema) return [code, { description: r.description }];
    const schema = { $ref: v3Ref(r.schema.$ref) };
    return [code, { description: r.description, content: Object.fromEntries(o.produces.map((t) => [t, { schema }])) }];
  }));
  out['x-kubernetes-action'] = o['x-kubernetes-action'];
  out['x-kubernetes-group-version-kind'] = o['x-kubernetes-group-version-kind'];
  return out;
}

function v3PathItem(item: PathItem): Json {
  const out: Json = {};
  for (const m of ['get', 'put', 'post', 'delete', 'patch'] as const) {
    const o = item[m];
    if (o) out[m] = v3Operation(o);
  }
  if (item.parameters.length) out.parameters = item.parameters.map(v3Parameter);
  return out;
}

/** The OpenAPI 3.0 document of one group version ('v1', 'apps/v1'). */
export function buildV3Document(registry: Registry, model: SchemaModel, gv: string, version: string): Json {
  const paths = pathsOfRegistry(registry, model, gv);
  const defs = allDefinitions(registry, model);
  const roots = new Set<string>();
  refsIn(paths, roots);
  const names = closure(roots, defs);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version },
    paths: Object.fromEntries(Object.entries(paths).map(([p, item]) => [p, v3PathItem(item)])),
    components: {
      schemas: Object.fromEntries(names.map((n) => [n, toV3Schema(defs[n] as Schema)])),
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
  };
}

/** The index path of a group version: 'api/v1', 'apis/apps/v1'. */
export function v3PathOf(gv: string): string {
  return gv.includes('/') ? `apis/${gv}` : `api/${gv}`;
}
