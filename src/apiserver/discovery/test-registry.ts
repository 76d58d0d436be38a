// A small Registry for the discovery and OpenAPI tests (the real kinds live in src/api/kinds/).

import { Registry } from '../../api/registry.ts';
import type { ResourceType } from '../../api/registry.ts';

function entry(t: Partial<ResourceType> & Pick<ResourceType, 'group' | 'version' | 'kind' | 'resource' | 'namespaced'>): ResourceType {
  return { singular: t.kind.toLowerCase(), columns: [], row: () => [], ...t };
}

const replicas = {
  specReplicas: () => 1,
  statusReplicas: () => 1,
  selector: () => '',
  setSpecReplicas: () => undefined,
};

export function testRegistry(): Registry {
  const r = new Registry();
  r.add(entry({ group: '', version: 'v1', kind: 'Pod', resource: 'pods', namespaced: true, shortNames: ['po'], categories: ['all'],
    subresources: { status: true, other: ['log', 'exec', 'binding', 'eviction'] } }));
  r.add(entry({ group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false, shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], subresources: { status: true, other: ['finalize'] } }));
  r.add(entry({ group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', namespaced: true, shortNames: ['sa'],
    subresources: { other: ['token'] } }));
  r.add(entry({ group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true, shortNames: ['deploy'],
    categories: ['all'], subresources: { status: true, scale: replicas } }));
  r.add(entry({ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', namespaced: true,
    shortNames: ['hpa'], categories: ['all'], subresources: { status: true },
    storage: { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', toStorage: (o) => o, fromStorage: (o) => o } }));
  r.add(entry({ group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers', namespaced: true,
    shortNames: ['hpa'], categories: ['all'], subresources: { status: true } }));
  r.add(entry({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', resource: 'clusterroles', namespaced: false }));
  r.add(entry({ group: 'example.com', version: 'v1', kind: 'Widget', resource: 'widgets', namespaced: true, hidden: true }));
  return r;
}
