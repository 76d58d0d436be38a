import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findDuplicateFields, findTypeError, findUnknownFields, getSchemaModel, writeDefinitions } from './index.ts';

const model = getSchemaModel();
const defs = model.definitions;

test('generator writes swagger definitions with upstream names and descriptions', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-openapi-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = writeDefinitions(path.join(dir, 'defs.json'));
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { swagger: string; definitions: Record<string, unknown> };
  assert.equal(doc.swagger, '2.0');
  assert.ok(Object.keys(doc.definitions).length > 500);
  const pod = defs['io.k8s.api.core.v1.Pod'];
  assert.match(pod?.description ?? '', /collection of containers/);
  assert.deepEqual(pod?.['x-kubernetes-group-version-kind'], [{ group: '', kind: 'Pod', version: 'v1' }]);
  assert.equal(pod?.properties?.spec?.$ref, '#/definitions/io.k8s.api.core.v1.PodSpec');
  assert.deepEqual(defs['io.k8s.api.apps.v1.DeploymentList']?.['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'DeploymentList', version: 'v1' }]);
  assert.deepEqual(defs['io.k8s.api.core.v1.Container']?.required, ['name']);
  assert.match(defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.properties?.name?.description ?? '', /unique within a namespace/);
});

test('generator maps special types as upstream publishes them', () => {
  assert.deepEqual(
    { type: defs['io.k8s.apimachinery.pkg.api.resource.Quantity']?.type },
    { type: 'string' },
  );
  const ios = defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
  assert.equal(ios?.type, 'string');
  assert.equal(ios?.format, 'int-or-string');
  assert.equal(defs['io.k8s.apimachinery.pkg.apis.meta.v1.Time']?.format, 'date-time');
  assert.equal(defs['io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']?.format, 'date-time');
  assert.equal(defs['io.k8s.apimachinery.pkg.runtime.RawExtension']?.type, 'object');
  const ds = defs['io.k8s.api.apps.v1.RollingUpdateDeployment']?.properties?.maxSurge;
  assert.equal(ds?.$ref, '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString');
  const spec = defs['io.k8s.api.apps.v1.DeploymentSpec']?.properties;
  assert.deepEqual([spec?.replicas?.type, spec?.replicas?.format], ['integer', 'int32']);
  const meta = defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.properties;
  assert.equal(meta?.generation?.format, 'int64');
  assert.deepEqual(meta?.labels?.additionalProperties, { type: 'string' });
  assert.equal(defs['io.k8s.api.core.v1.ResourceRequirements']?.properties?.limits?.additionalProperties instanceof Object, true);
});

test('generator adds patch and list extensions from the table', () => {
  const podSpec = defs['io.k8s.api.core.v1.PodSpec']?.properties;
  assert.equal(podSpec?.containers?.['x-kubernetes-patch-merge-key'], 'name');
  assert.equal(podSpec?.containers?.['x-kubernetes-patch-strategy'], 'merge');
  assert.equal(podSpec?.containers?.['x-kubernetes-list-type'], undefined, 'upstream 1.30 tags containers with a merge key only');
  assert.equal(podSpec?.volumes?.['x-kubernetes-patch-strategy'], 'merge,retainKeys');
  assert.equal(podSpec?.tolerations?.['x-kubernetes-list-type'], 'atomic');
  assert.equal(podSpec?.hostAliases?.['x-kubernetes-patch-merge-key'], 'ip');
  const ports = defs['io.k8s.api.core.v1.Container']?.properties?.ports;
  assert.deepEqual(ports?.['x-kubernetes-list-map-keys'], ['containerPort', 'protocol']);
  assert.equal(ports?.['x-kubernetes-patch-merge-key'], 'containerPort');
  assert.equal(ports?.['x-kubernetes-list-type'], 'map');
  assert.deepEqual(defs['io.k8s.api.core.v1.ServiceSpec']?.properties?.ports?.['x-kubernetes-list-map-keys'], ['port', 'protocol']);
  const meta = defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']?.properties;
  assert.equal(meta?.finalizers?.['x-kubernetes-patch-strategy'], 'merge');
  assert.equal(meta?.ownerReferences?.['x-kubernetes-patch-merge-key'], 'uid');
  assert.equal(defs['io.k8s.api.apps.v1.DeploymentStatus']?.properties?.conditions?.['x-kubernetes-patch-merge-key'], 'type');
  assert.equal(defs['io.k8s.api.core.v1.NodeStatus']?.properties?.addresses?.['x-kubernetes-patch-merge-key'], 'type');
  assert.equal(defs['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']?.['x-kubernetes-map-type'], 'atomic');
  assert.equal(defs['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']?.properties?.matchExpressions?.['x-kubernetes-list-type'], 'atomic');
});

test('model finds definitions by group, version and kind and resolves refs', () => {
  assert.equal(model.definitionFor('apps', 'v1', 'Deployment'), 'io.k8s.api.apps.v1.Deployment');
  assert.equal(model.definitionFor('', 'v1', 'Pod'), 'io.k8s.api.core.v1.Pod');
  assert.equal(model.definitionFor('rbac.authorization.k8s.io', 'v1', 'Role'), 'io.k8s.api.rbac.v1.Role');
  assert.equal(model.definitionFor('apps', 'v1', 'Nope'), undefined);
  const spec = model.resolve({ $ref: '#/definitions/io.k8s.api.core.v1.PodSpec' });
  assert.ok(spec.properties?.containers);
});

test('findUnknownFields reports upstream-style paths', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', labels: { anything: 'goes' }, annotations: { a: 'b' }, bogus: 1 },
    spec: {
      replicass: 2,
      selector: { matchLabels: { app: 'x' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: {
          containers: [
            { name: 'a', image: 'busybox', resources: { limits: { cpu: '1', memory: 1024 } } },
            { name: 'b', imagee: 'busybox', ports: [{ containerPort: 80, hostPortt: 1 }] },
          ],
        },
      },
    },
  };
  assert.deepEqual(findUnknownFields(deployment, model, 'io.k8s.api.apps.v1.Deployment').sort(), [
    'metadata.bogus',
    'spec.replicass',
    'spec.template.spec.containers[1].imagee',
    'spec.template.spec.containers[1].ports[0].hostPortt',
  ]);
});

test('findUnknownFields accepts free-form fields and preserve-unknown-fields schemas', () => {
  const ev = { apiVersion: 'v1', kind: 'ConfigMap', data: { k: 'v' }, binaryData: {} };
  assert.deepEqual(findUnknownFields(ev, model, 'io.k8s.api.core.v1.ConfigMap'), []);
  const rev = { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { spec: { anything: { deep: true } } } };
  assert.deepEqual(findUnknownFields(rev, model, 'io.k8s.api.apps.v1.ControllerRevision'), []);
  const managed = { metadata: { managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': { 'f:x': {} } } }] } };
  assert.deepEqual(findUnknownFields(managed, model, 'io.k8s.api.core.v1.Pod'), []);
  const custom = newPreserveModel();
  assert.deepEqual(findUnknownFields({ spec: { a: 1 }, other: 2 }, custom, 'X'), ['other']);
});

function newPreserveModel(): typeof model {
  const definitions = {
    X: { type: 'object' as const, properties: { spec: { type: 'object' as const, 'x-kubernetes-preserve-unknown-fields': true } } },
  };
  return { definitions, definitionFor: () => undefined, resolve: (s) => s };
}

test('findDuplicateFields reports repeated keys with their path, top-down', () => {
  const text = '{"kind":"Deployment","spec":{"paused":true,"replicas":1,"paused":false,' +
    '"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","name":"c"}]}}},"kind":"D"}';
  assert.deepEqual(findDuplicateFields(text), ['spec.paused', 'spec.template.spec.containers[1].name', 'kind']);
  assert.deepEqual(findDuplicateFields('{"a":{"b":1},"c":{"b":2},"s":"x\\"y","n":[1,2.5e3,null,true]}'), []);
  assert.deepEqual(findDuplicateFields('{"a\\u0062":1,"ab":2}'), ['ab']);
  assert.deepEqual(findDuplicateFields('{"a":1,"a":2,'), ['a']);
});

test('findDuplicateFields: large objects, escaped and invalid strings', () => {
  const keys = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`);
  assert.deepEqual(findDuplicateFields(`{"m":{${keys.join(',')},"k3":0,"k39":1},"l":[{},{"x":1,"x":2}]}`), ['m.k3', 'm.k39', 'l[1].x']);
  assert.deepEqual(findDuplicateFields('{"":{"":1,"":2}}'), ['']);
  // A raw control character is invalid JSON: what was found before it is returned.
  assert.deepEqual(findDuplicateFields('{"a":1,"a":2,"b":"x\u0001","c":"bad","c":3}'), ['a']);
});

test('findTypeError and findUnknownFields name the path as upstream does', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'a', image: 'i' }, { name: 'b', ports: [{ containerPort: '80' }], imagee: 'x' }] }, metadata: { labelz: {} } };
  assert.equal(findTypeError(pod, model, 'io.k8s.api.core.v1.Pod'),
    'json: cannot unmarshal string into Go struct field Pod.spec.containers.ports.containerPort of type int32');
  assert.deepEqual(findUnknownFields(pod, model, 'io.k8s.api.core.v1.Pod'), ['spec.containers[1].imagee', 'metadata.labelz']);
  assert.equal(findTypeError({ spec: { containers: [{ name: 'a' }] } }, model, 'io.k8s.api.core.v1.Pod'), undefined);
});
