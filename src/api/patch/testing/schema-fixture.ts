// A small hand-written SchemaModel for the patch and apply tests: just enough of Pod, Deployment
// and ConfigMap (with upstream's patch strategies, merge keys and list types) to exercise them.

import type { Schema, SchemaModel } from '../../openapi-model.ts';

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer', format: 'int32' };
const strMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };

const P = 'io.k8s.api.core.v1.';
const M = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

const definitions: Record<string, Schema> = {
  [`${M}ObjectMeta`]: {
    type: 'object',
    properties: {
      name: str, namespace: str, uid: str, resourceVersion: str, generation: { type: 'integer', format: 'int64' },
      creationTimestamp: str, labels: strMap, annotations: strMap,
      finalizers: { type: 'array', items: str, 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' },
      ownerReferences: {
        type: 'array', items: ref(`${M}OwnerReference`),
        'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['uid'],
      },
      managedFields: { type: 'array', items: { type: 'object' } },
    },
  },
  [`${M}OwnerReference`]: {
    type: 'object', required: ['apiVersion', 'kind', 'name', 'uid'],
    properties: { apiVersion: str, kind: str, name: str, uid: str, controller: { type: 'boolean' } },
    'x-kubernetes-map-type': 'atomic',
  },
  [`${M}LabelSelector`]: {
    type: 'object',
    properties: { matchLabels: strMap, matchExpressions: { type: 'array', items: { type: 'object' } } },
    'x-kubernetes-map-type': 'atomic',
  },
  [`${P}Pod`]: {
    type: 'object',
    properties: { apiVersion: str, kind: str, metadata: ref(`${M}ObjectMeta`), spec: ref(`${P}PodSpec`), status: ref(`${P}PodStatus`) },
    'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Pod' }],
  },
  [`${P}PodSpec`]: {
    type: 'object',
    properties: {
      containers: {
        type: 'array', items: ref(`${P}Container`),
        'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'name',
      },
      volumes: {
        type: 'array', items: ref(`${P}Volume`),
        'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name',
      },
      tolerations: { type: 'array', items: ref(`${P}Toleration`), 'x-kubernetes-list-type': 'atomic' },
      nodeName: str, restartPolicy: str, nodeSelector: strMap,
      terminationGracePeriodSeconds: { type: 'integer', format: 'int64' },
    },
  },
  [`${P}Container`]: {
    type: 'object', required: ['name'],
    properties: {
      name: str, image: str, imagePullPolicy: str,
      command: { type: 'array', items: str }, args: { type: 'array', items: str },
      ports: {
        type: 'array', items: ref(`${P}ContainerPort`),
        'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'containerPort',
        'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
      },
      env: {
        type: 'array', items: ref(`${P}EnvVar`),
        'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'name',
      },
      resources: { type: 'object', properties: { limits: strMap, requests: strMap } },
    },
  },
  [`${P}ContainerPort`]: {
    type: 'object', required: ['containerPort'],
    properties: { name: str, containerPort: int, protocol: { type: 'string', default: 'TCP' } },
  },
  [`${P}EnvVar`]: { type: 'object', required: ['name'], properties: { name: str, value: str } },
  [`${P}Volume`]: {
    type: 'object', required: ['name'],
    properties: {
      name: str,
      emptyDir: { type: 'object', properties: { medium: str } },
      hostPath: { type: 'object', properties: { path: str, type: str } },
      configMap: { type: 'object', properties: { name: str } },
    },
  },
  [`${P}Toleration`]: { type: 'object', properties: { key: str, operator: str, value: str, effect: str } },
  [`${P}PodStatus`]: {
    type: 'object',
    properties: {
      phase: str, podIP: str,
      conditions: {
        type: 'array', items: ref(`${P}PodCondition`),
        'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'type',
        'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'],
      },
    },
  },
  [`${P}PodCondition`]: { type: 'object', properties: { type: str, status: str, reason: str, lastTransitionTime: str } },
  [`${P}PodTemplateSpec`]: { type: 'object', properties: { metadata: ref(`${M}ObjectMeta`), spec: ref(`${P}PodSpec`) } },
  [`${P}ConfigMap`]: {
    type: 'object',
    properties: { apiVersion: str, kind: str, metadata: ref(`${M}ObjectMeta`), data: strMap, immutable: { type: 'boolean' } },
    'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'ConfigMap' }],
  },
  'io.k8s.api.apps.v1.Deployment': {
    type: 'object',
    properties: {
      apiVersion: str, kind: str, metadata: ref(`${M}ObjectMeta`),
      spec: ref('io.k8s.api.apps.v1.DeploymentSpec'),
    },
    'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
  },
  'io.k8s.api.apps.v1.DeploymentSpec': {
    type: 'object',
    properties: {
      replicas: int, selector: ref(`${M}LabelSelector`), template: ref(`${P}PodTemplateSpec`),
      paused: { type: 'boolean' },
      strategy: {
        type: 'object', 'x-kubernetes-patch-strategy': 'retainKeys',
        properties: { type: str, rollingUpdate: { type: 'object', properties: { maxSurge: { 'x-kubernetes-int-or-string': true }, maxUnavailable: { 'x-kubernetes-int-or-string': true } } } },
      },
    },
  },
};

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 32 && s.$ref; i++) {
    const target = definitions[s.$ref.replace('#/definitions/', '')];
    if (!target) return {};
    s = target;
  }
  return s;
}

export const POD = `${P}Pod`;
export const CONFIGMAP = `${P}ConfigMap`;
export const DEPLOYMENT = 'io.k8s.api.apps.v1.Deployment';

export const fixtureModel: SchemaModel = {
  definitions,
  definitionFor(group, version, kind) {
    for (const [name, s] of Object.entries(definitions)) {
      const gvk = s['x-kubernetes-group-version-kind']?.[0];
      if (gvk && gvk.group === group && gvk.version === version && gvk.kind === kind) return name;
    }
    return undefined;
  },
  resolve,
};
