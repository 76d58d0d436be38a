// Resource-scoped clients (what client-go's typed clientsets give per kind):
// `clientFor(rest).resource<Pod>(podsResource).namespace('default').get('p')`.

import type { Status } from '../api/errors.ts';
import type { KubeList } from '../api/types.ts';
import type { MetaObject } from './object.ts';
import type { RestClient } from './rest.ts';
import type {
  DeleteOptions, GetOptions, ListOptions, PatchOptions, PatchType, ResourceRef, WriteOptions,
} from './request.ts';
import type { WatchStream } from './watch.ts';

export interface ResourceDescriptor {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  /** The kind, to fill in list items' kind/apiVersion (the API leaves them out). */
  kind?: string;
}

export class ResourceClient<T extends MetaObject = MetaObject> {
  readonly rest: RestClient;
  readonly descriptor: ResourceDescriptor;
  /** The namespace this client is scoped to ('' for all namespaces, or cluster-scoped resources). */
  readonly scope: string;

  constructor(rest: RestClient, descriptor: ResourceDescriptor, namespace = '') {
    this.rest = rest;
    this.descriptor = descriptor;
    this.scope = descriptor.namespaced ? namespace : '';
  }

  /** The same resource, scoped to one namespace. */
  namespace(ns: string): ResourceClient<T> {
    if (!this.descriptor.namespaced) throw new Error(`${this.descriptor.resource} is not namespaced`);
    return new ResourceClient<T>(this.rest, this.descriptor, ns);
  }

  private ref(name?: string, namespace?: string, subresource?: string): ResourceRef {
    const d = this.descriptor;
    const ns = d.namespaced ? (namespace || this.scope) : '';
    if (d.namespaced && !ns && name !== undefined) {
      throw new Error(`a namespace is needed for ${d.resource} "${name}"`);
    }
    return { group: d.group, version: d.version, resource: d.resource, namespace: ns || undefined, name, subresource };
  }

  private objRef(obj: T, subresource?: string): ResourceRef {
    const name = obj.metadata?.name;
    if (!name) throw new Error(`${this.descriptor.resource}: the object has no metadata.name`);
    return this.ref(name, obj.metadata?.namespace, subresource);
  }

  private typed(list: KubeList<T>): KubeList<T> {
    const d = this.descriptor;
    const kind = d.kind ?? (list.kind?.endsWith('List') ? list.kind.slice(0, -4) : undefined);
    const apiVersion = d.group ? `${d.group}/${d.version}` : d.version;
    if (kind) {
      for (const item of list.items) {
        if (item.kind === undefined) item.kind = kind;
        if (item.apiVersion === undefined) item.apiVersion = apiVersion;
      }
    }
    return list;
  }

  get(name: string, opts?: GetOptions): Promise<T> {
    return this.rest.get<T>(this.ref(name), opts);
  }

  /** Lists the scope (all namespaces when unscoped); items get kind and apiVersion filled in. */
  async list(opts?: ListOptions, signal?: AbortSignal): Promise<KubeList<T>> {
    return this.typed(await this.rest.list<T>(this.ref(), opts, signal));
  }

  /** Creates in the scoped namespace, or the object's own when unscoped. */
  create(obj: T, opts?: WriteOptions): Promise<T> {
    return this.rest.create<T>(this.ref(undefined, obj.metadata?.namespace), obj, opts);
  }

  update(obj: T, opts?: WriteOptions): Promise<T> {
    return this.rest.update<T>(this.objRef(obj), obj, opts);
  }

  updateStatus(obj: T, opts?: WriteOptions): Promise<T> {
    return this.rest.update<T>(this.objRef(obj, 'status'), obj, opts);
  }

  patch(name: string, type: PatchType, patch: unknown, opts?: PatchOptions & { subresource?: string }): Promise<T> {
    return this.rest.patch<T>(this.ref(name, undefined, opts?.subresource), type, patch, opts);
  }

  /** Server-side apply of the given configuration (needs a fieldManager). */
  apply(obj: Partial<T>, opts: PatchOptions & { fieldManager: string }): Promise<T> {
    const name = obj.metadata?.name;
    if (!name) throw new Error('apply: metadata.name is required');
    return this.rest.patch<T>(this.ref(name, obj.metadata?.namespace), 'apply', obj, opts);
  }

  delete(name: string, opts?: DeleteOptions): Promise<T | Status> {
    return this.rest.delete<T>(this.ref(name), opts);
  }

  deleteCollection(opts?: DeleteOptions & ListOptions): Promise<KubeList<T> | Status> {
    return this.rest.deleteCollection<T>(this.ref(), opts);
  }

  /** POST to a subresource, e.g. pods/binding or pods/eviction. */
  createSubresource<R>(name: string, subresource: string, body: unknown, opts?: WriteOptions): Promise<R> {
    return this.rest.create<R>(this.ref(name, undefined, subresource), body, opts);
  }

  watch(opts?: ListOptions): WatchStream<T> {
    return this.rest.watch<T>(this.ref(), opts);
  }
}

/** The entry point: `clientFor(rest).resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps', namespaced: true })`. */
export function clientFor(rest: RestClient): { rest: RestClient; resource<T extends MetaObject = MetaObject>(d: ResourceDescriptor): ResourceClient<T> } {
  return {
    rest,
    resource: <T extends MetaObject = MetaObject>(d: ResourceDescriptor): ResourceClient<T> => new ResourceClient<T>(rest, d),
  };
}

/** Descriptors of the resources the control plane's own components use most. */
export const resources = {
  namespaces: { group: '', version: 'v1', resource: 'namespaces', namespaced: false, kind: 'Namespace' },
  nodes: { group: '', version: 'v1', resource: 'nodes', namespaced: false, kind: 'Node' },
  pods: { group: '', version: 'v1', resource: 'pods', namespaced: true, kind: 'Pod' },
  services: { group: '', version: 'v1', resource: 'services', namespaced: true, kind: 'Service' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints', namespaced: true, kind: 'Endpoints' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps', namespaced: true, kind: 'ConfigMap' },
  secrets: { group: '', version: 'v1', resource: 'secrets', namespaced: true, kind: 'Secret' },
  events: { group: '', version: 'v1', resource: 'events', namespaced: true, kind: 'Event' },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true, kind: 'ServiceAccount' },
  persistentvolumeclaims: { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespaced: true, kind: 'PersistentVolumeClaim' },
  persistentvolumes: { group: '', version: 'v1', resource: 'persistentvolumes', namespaced: false, kind: 'PersistentVolume' },
  replicationcontrollers: { group: '', version: 'v1', resource: 'replicationcontrollers', namespaced: true, kind: 'ReplicationController' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true, kind: 'Deployment' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true, kind: 'ReplicaSet' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets', namespaced: true, kind: 'StatefulSet' },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets', namespaced: true, kind: 'DaemonSet' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs', namespaced: true, kind: 'Job' },
  cronjobs: { group: 'batch', version: 'v1', resource: 'cronjobs', namespaced: true, kind: 'CronJob' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true, kind: 'Lease' },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true, kind: 'EndpointSlice' },
} as const satisfies Record<string, ResourceDescriptor>;
