// The swagger 2.0 `paths` of every served resource and verb, as upstream's installer publishes
// them: operationId ('listCoreV1NamespacedPod'), x-kubernetes-action, x-kubernetes-group-version-kind
// and the query parameters each operation takes.

import { ALL_VERBS } from '../../api/registry.ts';
import type { ResourceType, Verb } from '../../api/registry.ts';
import type { SchemaModel } from '../../api/openapi-model.ts';
import { body, DELETE, DELETE_COLLECTION, LIST, PATCH_EXTRA, pathParam, PRETTY, WRITE } from './parameters.ts';
import type { Parameter } from './parameters.ts';

export interface GVK { group: string; kind: string; version: string }

export interface Operation {
  tags: string[];
  description: string;
  operationId: string;
  consumes: string[];
  produces: string[];
  schemes: string[];
  parameters?: Parameter[];
  responses: Record<string, { description: string; schema?: { $ref: string } }>;
  'x-kubernetes-action': string;
  'x-kubernetes-group-version-kind': GVK;
}

export interface PathItem {
  get?: Operation;
  put?: Operation;
  post?: Operation;
  delete?: Operation;
  patch?: Operation;
  parameters: Parameter[];
}

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
const PRODUCES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const PRODUCES_LIST = [...PRODUCES, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch'];
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** 'rbac.authorization.k8s.io' + 'v1' → 'RbacAuthorizationV1'; core → 'CoreV1'. */
export function groupVersionId(group: string, version: string): string {
  const words = group === '' ? ['core'] : group.replace(/\.k8s\.io$/, '').split(/[.-]/);
  return words.map(cap).join('') + cap(version);
}

/** The tag upstream files operations under: 'core_v1', 'apps_v1', 'rbacAuthorization_v1'. */
function tagOf(group: string, version: string): string {
  const id = groupVersionId(group, version);
  const g = id.slice(0, id.length - version.length);
  return `${g.charAt(0).toLowerCase()}${g.slice(1)}_${version}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The URL prefix of a group version: '/api/v1' or '/apis/apps/v1'. */
export function gvPrefix(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** The definition of a kind, or the fallback name used for kinds without a built-in schema. */
export function definitionOf(model: SchemaModel, group: string, version: string, kind: string): string {
  return model.definitionFor(group, version, kind) ?? `${group ? group.split('.').reverse().join('.') : 'core'}.${version}.${kind}`;
}

function op(
  t: ResourceType, action: string, operationId: string, description: string, parameters: Parameter[],
  responses: Operation['responses'], gvk: GVK, consumes = ['*/*'], produces = PRODUCES,
): Operation {
  const o: Operation = {
    tags: [tagOf(t.group, t.version)],
    description,
    operationId,
    consumes,
    produces,
    schemes: ['https'],
    responses: { ...responses, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  };
  if (parameters.length) o.parameters = parameters;
  return o;
}

function ref(def: string): { $ref: string } {
  return { $ref: `#/definitions/${def}` };
}

/** Paths for one resource type: collection, item, all-namespaces list, status and scale. */
export function pathsOf(t: ResourceType, model: SchemaModel): Record<string, PathItem> {
  const verbs = new Set<Verb>(t.verbs ?? ALL_VERBS);
  const def = definitionOf(model, t.group, t.version, t.kind);
  const listDef = definitionOf(model, t.group, t.version, `${t.kind}List`);
  const gvk: GVK = { group: t.group, kind: t.kind, version: t.version };
  const gvId = groupVersionId(t.group, t.version);
  const ns = t.namespaced ? 'Namespaced' : '';
  const base = gvPrefix(t.group, t.version);
  const collection = t.namespaced ? `${base}/namespaces/{namespace}/${t.resource}` : `${base}/${t.resource}`;
  const nsParams = t.namespaced ? [pathParam('namespace', '')] : [];
  const out: Record<string, PathItem> = {};
  const ok = (d: string) => ({ '200': { description: 'OK', schema: ref(d) } });

  const coll: PathItem = { parameters: [...nsParams, PRETTY] };
  if (verbs.has('list')) {
    coll.get = op(t, 'list', `list${gvId}${ns}${t.kind}`, `list or watch objects of kind ${t.kind}`, LIST, ok(listDef), gvk, ['*/*'], PRODUCES_LIST);
  }
  if (verbs.has('create')) {
    coll.post = op(t, 'post', `create${gvId}${ns}${t.kind}`, `create ${article(t.kind)}`, [body(def), ...WRITE],
      { ...ok(def), '201': { description: 'Created', schema: ref(def) }, '202': { description: 'Accepted', schema: ref(def) } }, gvk);
  }
  if (verbs.has('deletecollection')) {
    coll.delete = op(t, 'deletecollection', `delete${gvId}Collection${ns}${t.kind}`, `delete collection of ${t.kind}`,
      [body(`${META}.DeleteOptions`, false), ...DELETE_COLLECTION], ok(`${META}.Status`), gvk);
  }
  if (coll.get || coll.post || coll.delete) out[collection] = coll;

  const itemParams = [pathParam('name', t.kind), ...nsParams, PRETTY];
  const item: PathItem = { parameters: itemParams };
  if (verbs.has('get')) item.get = op(t, 'get', `read${gvId}${ns}${t.kind}`, `read the specified ${t.kind}`, [], ok(def), gvk);
  if (verbs.has('update')) {
    item.put = op(t, 'put', `replace${gvId}${ns}${t.kind}`, `replace the specified ${t.kind}`, [body(def), ...WRITE],
      { ...ok(def), '201': { description: 'Created', schema: ref(def) } }, gvk);
  }
  if (verbs.has('delete')) {
    item.delete = op(t, 'delete', `delete${gvId}${ns}${t.kind}`, `delete ${article(t.kind)}`,
      [body(`${META}.DeleteOptions`, false), ...DELETE],
      { ...ok(`${META}.Status`), '202': { description: 'Accepted', schema: ref(`${META}.Status`) } }, gvk);
  }
  if (verbs.has('patch')) {
    item.patch = op(t, 'patch', `patch${gvId}${ns}${t.kind}`, `partially update the specified ${t.kind}`,
      [body(`${META}.Patch`), ...WRITE, ...PATCH_EXTRA], { ...ok(def), '201': { description: 'Created', schema: ref(def) } }, gvk, PATCH_TYPES);
  }
  if (item.get || item.put || item.delete || item.patch) out[`${collection}/{name}`] = item;

  if (t.namespaced && verbs.has('list')) {
    out[`${base}/${t.resource}`] = {
      parameters: [PRETTY],
      get: op(t, 'list', `list${gvId}${t.kind}ForAllNamespaces`, `list or watch objects of kind ${t.kind}`, LIST, ok(listDef), gvk, ['*/*'], PRODUCES_LIST),
    };
  }

  const sub = (name: string, subDef: string, subGvk: GVK, what: string): void => {
    const suffix = cap(name);
    out[`${collection}/{name}/${name}`] = {
      parameters: [pathParam('name', what), ...nsParams, PRETTY],
      get: op(t, 'get', `read${gvId}${ns}${t.kind}${suffix}`, `read ${name} of the specified ${t.kind}`, [], ok(subDef), subGvk),
      put: op(t, 'put', `replace${gvId}${ns}${t.kind}${suffix}`, `replace ${name} of the specified ${t.kind}`, [body(subDef), ...WRITE],
        { ...ok(subDef), '201': { description: 'Created', schema: ref(subDef) } }, subGvk),
      patch: op(t, 'patch', `patch${gvId}${ns}${t.kind}${suffix}`, `partially update ${name} of the specified ${t.kind}`,
        [body(`${META}.Patch`), ...WRITE, ...PATCH_EXTRA], { ...ok(subDef), '201': { description: 'Created', schema: ref(subDef) } }, subGvk, PATCH_TYPES),
    };
  };
  if (t.subresources?.status) sub('status', def, gvk, t.kind);
  if (t.subresources?.scale) sub('scale', 'io.k8s.api.autoscaling.v1.Scale', { group: 'autoscaling', kind: 'Scale', version: 'v1' }, 'Scale');
  return out;
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
