import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getSchemaModel } from '../../api/openapi/index.ts';
import { testRegistry } from '../discovery/test-registry.ts';
import { OpenAPIService, openAPIv2DocumentType } from './index.ts';
import type { SwaggerDocument } from './index.ts';

const model = getSchemaModel();
const PB = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

function get(s: OpenAPIService, path: string, accept = 'application/json', ifNoneMatch?: string, query = '') {
  const r = s.handle({ path, query: new URLSearchParams(query), accept, ifNoneMatch });
  assert.ok(r, `no response for ${path}`);
  return r;
}

interface Op { operationId: string; parameters?: { name: string; in: string }[]; 'x-kubernetes-action': string; 'x-kubernetes-group-version-kind': unknown }

test('/openapi/v2 JSON has info, definitions and paths for every resource and verb', () => {
  const s = new OpenAPIService(testRegistry(), model, { version: 'v1.33.0' });
  const r = get(s, '/openapi/v2');
  assert.equal(r.status, 200);
  assert.equal(r.headers['Content-Type'], 'application/json');
  const doc = JSON.parse(r.body.toString()) as SwaggerDocument;
  assert.equal(doc.swagger, '2.0');
  assert.deepEqual(doc.info, { title: 'Kubernetes', version: 'v1.33.0' });
  assert.ok(doc.definitions['io.k8s.api.core.v1.Pod']);
  const paths = doc.paths as unknown as Record<string, Record<string, Op>>;
  const pods = paths['/api/v1/namespaces/{namespace}/pods'];
  assert.equal(pods?.get?.operationId, 'listCoreV1NamespacedPod');
  assert.equal(pods?.post?.operationId, 'createCoreV1NamespacedPod');
  assert.equal(pods?.delete?.operationId, 'deleteCoreV1CollectionNamespacedPod');
  assert.equal(pods?.delete?.['x-kubernetes-action'], 'deletecollection');
  const pod = paths['/api/v1/namespaces/{namespace}/pods/{name}'];
  assert.deepEqual(Object.keys(pod ?? {}).sort(), ['delete', 'get', 'parameters', 'patch', 'put']);
  assert.deepEqual(pod?.patch?.['x-kubernetes-group-version-kind'], { group: '', kind: 'Pod', version: 'v1' });
  const names = (o: Op | undefined) => (o?.parameters ?? []).map((p) => p.name);
  for (const o of [pods?.post, pod?.put, pod?.patch]) {
    for (const q of ['dryRun', 'fieldManager', 'fieldValidation']) assert.ok(names(o).includes(q), `${o?.operationId} lacks ${q}`);
  }
  assert.ok(names(pod?.patch).includes('force'));
  assert.equal(paths['/api/v1/pods']?.get?.operationId, 'listCoreV1PodForAllNamespaces');
  assert.equal(paths['/api/v1/namespaces/{namespace}/pods/{name}/status']?.patch?.operationId, 'patchCoreV1NamespacedPodStatus');
  const scale = paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']?.put;
  assert.equal(scale?.operationId, 'replaceAppsV1NamespacedDeploymentScale');
  assert.deepEqual(scale?.['x-kubernetes-group-version-kind'], { group: 'autoscaling', kind: 'Scale', version: 'v1' });
  assert.equal(paths['/apis/rbac.authorization.k8s.io/v1/clusterroles']?.get?.operationId, 'listRbacAuthorizationV1ClusterRole');
  // Namespaces are not deletecollection-able in the test registry.
  assert.equal(paths['/api/v1/namespaces']?.delete, undefined);
  // Hidden kinds are not published.
  assert.ok(!Object.keys(paths).some((p) => p.includes('widgets')));
});

test('/openapi/v2 protobuf decodes back with the same .proto', () => {
  const s = new OpenAPIService(testRegistry(), model);
  const r = get(s, '/openapi/v2', `${PB},application/json`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['Content-Type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
  const type = openAPIv2DocumentType();
  const doc = type.toObject(type.decode(r.body)) as {
    swagger: string; info: { title: string };
    definitions: { additional_properties: { name: string; value: { type?: { value: string[] }; properties?: { additional_properties: { name: string; value: { _ref?: string; vendor_extension?: { name: string; value: { yaml: string } }[] } }[] }; vendor_extension?: { name: string; value: { yaml: string } }[] } }[] };
    paths: { path: { name: string; value: { patch?: { operation_id: string; parameters: { parameter?: { non_body_parameter?: { query_parameter_sub_schema?: { name: string } } } }[]; vendor_extension: { name: string; value: { yaml: string } }[] } } }[] };
  };
  assert.equal(doc.swagger, '2.0');
  assert.equal(doc.info.title, 'Kubernetes');
  const podSpec = doc.definitions.additional_properties.find((d) => d.name === 'io.k8s.api.core.v1.PodSpec');
  assert.deepEqual(podSpec?.value.type?.value, ['object']);
  const containers = podSpec?.value.properties?.additional_properties.find((p) => p.name === 'containers');
  const ext = Object.fromEntries((containers?.value.vendor_extension ?? []).map((e) => [e.name, e.value.yaml.trim()]));
  assert.equal(ext['x-kubernetes-patch-merge-key'], 'name');
  assert.equal(ext['x-kubernetes-patch-strategy'], 'merge');
  const deployment = doc.definitions.additional_properties.find((d) => d.name === 'io.k8s.api.apps.v1.Deployment');
  assert.match(deployment?.value.vendor_extension?.[0]?.value.yaml ?? '', /kind: Deployment/);
  const item = doc.paths.path.find((p) => p.name === '/apis/apps/v1/namespaces/{namespace}/deployments/{name}');
  assert.equal(item?.value.patch?.operation_id, 'patchAppsV1NamespacedDeployment');
  const q = item?.value.patch?.parameters.map((p) => p.parameter?.non_body_parameter?.query_parameter_sub_schema?.name).filter(Boolean);
  assert.ok(q?.includes('fieldValidation'));
  assert.ok(item?.value.patch?.vendor_extension.some((e) => e.name === 'x-kubernetes-group-version-kind' && /kind: Deployment/.test(e.value.yaml)));
});

test('/openapi/v2 answers 304 to a matching If-None-Match, per representation', () => {
  const s = new OpenAPIService(testRegistry(), model);
  const json = get(s, '/openapi/v2');
  const pb = get(s, '/openapi/v2', PB);
  assert.notEqual(json.headers.ETag, pb.headers.ETag);
  assert.equal(get(s, '/openapi/v2', 'application/json', json.headers.ETag).status, 304);
  assert.equal(get(s, '/openapi/v2', PB, pb.headers.ETag).status, 304);
  assert.equal(get(s, '/openapi/v2', PB, json.headers.ETag).status, 200);
  assert.equal(get(s, '/openapi/v2', 'text/html').status, 406);
});

test('/openapi/v3 index links every group version by hash', () => {
  const s = new OpenAPIService(testRegistry(), model);
  const index = JSON.parse(get(s, '/openapi/v3').body.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
  assert.deepEqual(Object.keys(index.paths), ['api/v1', 'apis/apps/v1', 'apis/autoscaling/v1', 'apis/autoscaling/v2', 'apis/rbac.authorization.k8s.io/v1']);
  assert.match(index.paths['apis/apps/v1']?.serverRelativeURL ?? '', /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
});

test('/openapi/v3 group-version documents carry components and fieldValidation, cacheable by hash', () => {
  const s = new OpenAPIService(testRegistry(), model);
  const index = JSON.parse(get(s, '/openapi/v3').body.toString()) as { paths: Record<string, { serverRelativeURL: string }> };
  const url = new URL(index.paths['apis/apps/v1']?.serverRelativeURL ?? '', 'http://x');
  const r = get(s, url.pathname, 'application/json', undefined, url.search);
  assert.equal(r.status, 200);
  assert.equal(r.headers['Cache-Control'], 'public, immutable');
  const doc = JSON.parse(r.body.toString()) as {
    openapi: string;
    paths: Record<string, Record<string, { parameters?: { name: string; schema: unknown }[]; requestBody?: { content: Record<string, unknown> } }>>;
    components: { schemas: Record<string, { properties?: Record<string, { allOf?: { $ref: string }[]; description?: string }> }> };
  };
  assert.equal(doc.openapi, '3.0.0');
  assert.deepEqual(Object.keys(doc.paths).every((p) => p.startsWith('/apis/apps/v1/')), true);
  const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.patch;
  assert.deepEqual(patch?.parameters?.find((p) => p.name === 'fieldValidation')?.schema, { type: 'string', uniqueItems: true });
  assert.ok(patch?.requestBody?.content['application/strategic-merge-patch+json']);
  const dep = doc.components.schemas['io.k8s.api.apps.v1.Deployment'];
  assert.deepEqual(dep?.properties?.spec?.allOf, [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }]);
  assert.ok(doc.components.schemas['io.k8s.api.core.v1.PodSpec'], 'referenced schemas are included');
  assert.ok(doc.components.schemas['io.k8s.api.autoscaling.v1.Scale']);
  assert.equal(doc.components.schemas['io.k8s.api.rbac.v1.Role'], undefined, 'unreferenced schemas are left out');
  assert.ok(!r.body.toString().includes('#/definitions/'));

  assert.equal(get(s, url.pathname, 'application/json', r.headers.ETag, url.search).status, 304);
  const stale = get(s, url.pathname, 'application/json', undefined, 'hash=ABC');
  assert.equal(stale.status, 301);
  assert.equal(stale.headers.Location, `${url.pathname}${url.search}`);
  assert.equal(get(s, url.pathname).headers['Cache-Control'], 'no-cache, private');
  assert.equal(s.handle({ path: '/openapi/v3/apis/nope/v1', query: new URLSearchParams(), accept: '' }), undefined);
  assert.equal(s.handle({ path: '/apis', query: new URLSearchParams(), accept: '' }), undefined);
});
