// The EndpointSlice controller (upstream pkg/controller/endpointslice): the endpoints of a Service
// with a selector as EndpointSlices of at most 100 endpoints, one group of slices per distinct
// port set and address type, owned by the Service. Existing slices keep their endpoints where they
// can (little churn); new endpoints fill slices with room before new slices are made.

import type { EndpointPort, Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { ResourceClient, SharedInformer } from '../../client/index.ts';
import {
  DeletedFinalStateUnknown, NamespaceIndex, clientFor, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey,
} from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { getControllerOf, newControllerRef } from '../common/controller-ref.ts';
import { ReconcileLoop } from '../common/loop.ts';
import { isPodReady } from '../common/pods.ts';
import {
  HeadlessLabel, LastChangeTriggerTime, canonical, enqueueServicesOfPods, findPort, lastChangeTime, managedService, podHostname,
  podsForService, shouldPodBeInEndpoints,
} from '../endpoint/podaddress.ts';

export const ServiceNameLabel = 'kubernetes.io/service-name';
export const ManagedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const ControllerName = 'endpointslice-controller.k8s.io';
/** Upstream's --max-endpoints-per-slice default. */
export const MaxEndpointsPerSlice = 100;

export interface EndpointSliceOptions {
  maxEndpointsPerSlice?: number;
}

interface Group {
  addressType: string;
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

function groupKey(addressType: string, ports: EndpointPort[]): string {
  return `${addressType}|${canonical(ports.map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? 'TCP']).sort())}`;
}

function endpointKey(e: Endpoint): string {
  return e.targetRef?.uid ? `uid:${e.targetRef.uid}` : `ip:${e.addresses[0] ?? ''}`;
}

export class EndpointSliceController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly services: SharedInformer<Service>;
  private readonly pods: SharedInformer<Pod>;
  private readonly nodes: SharedInformer<Node>;
  private readonly slices: SharedInformer<EndpointSlice>;
  private readonly client: ResourceClient<EndpointSlice>;
  private readonly max: number;

  constructor(ctx: ControllerContext, opts: EndpointSliceOptions = {}) {
    this.max = opts.maxEndpointsPerSlice ?? MaxEndpointsPerSlice;
    this.client = clientFor(ctx.rest).resource<EndpointSlice>(resources.endpointslices);
    this.loop = new ReconcileLoop({ name: 'endpoint_slice', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.services = ctx.informers.informerFor<Service>(resources.services);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.nodes = ctx.informers.informerFor<Node>(resources.nodes);
    this.slices = ctx.informers.informerFor<EndpointSlice>(resources.endpointslices);
    const enqueue = (o: Service | DeletedFinalStateUnknown<unknown>): void => this.loop.add(metaNamespaceKey(o));
    this.services.addEventHandler({ onAdd: enqueue, onUpdate: (_a, b) => enqueue(b), onDelete: enqueue });
    const sliceChanged = (s: EndpointSlice): void => {
      const svc = s.metadata?.labels?.[ServiceNameLabel];
      if (svc && s.metadata?.labels?.[ManagedByLabel] === ControllerName) this.loop.add(`${s.metadata.namespace ?? ''}/${svc}`);
    };
    this.slices.addEventHandler({
      onUpdate: (_a, b) => sliceChanged(b),
      onDelete: (s) => sliceChanged(s instanceof DeletedFinalStateUnknown ? s.obj : s),
    });
    enqueueServicesOfPods(this.pods, this.services, (key) => this.loop.add(key));
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  private endpointFor(p: Pod, svc: Service): Endpoint {
    const terminating = !!p.metadata?.deletionTimestamp;
    const serving = svc.spec?.publishNotReadyAddresses === true || isPodReady(p);
    const zone = p.spec?.nodeName ? this.nodes.indexer.getByKey(p.spec.nodeName)?.metadata?.labels?.['topology.kubernetes.io/zone'] : undefined;
    const hostname = podHostname(p, svc);
    return {
      addresses: [p.status?.podIP ?? ''],
      conditions: { ready: svc.spec?.publishNotReadyAddresses === true || (serving && !terminating), serving, terminating },
      ...(hostname ? { hostname } : {}),
      targetRef: { kind: 'Pod', namespace: p.metadata?.namespace, name: p.metadata?.name, uid: p.metadata?.uid },
      ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
      ...(zone ? { zone } : {}),
    };
  }

  /** The endpoints the Service should have, grouped by address type and port set. */
  private desired(svc: Service, pods: Pod[]): Map<string, Group> {
    const groups = new Map<string, Group>();
    for (const p of pods) {
      if (!shouldPodBeInEndpoints(p, true)) continue;
      const ports: EndpointPort[] = [];
      for (const sp of svc.spec?.ports ?? []) {
        const port = findPort(p, sp);
        if (port === undefined) continue;
        ports.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
      }
      if (ports.length === 0 && (svc.spec?.ports?.length ?? 0) > 0) continue;
      const addressType = (p.status?.podIP ?? '').includes(':') ? 'IPv6' : 'IPv4';
      const k = groupKey(addressType, ports);
      let g = groups.get(k);
      if (!g) { g = { addressType, ports, endpoints: new Map() }; groups.set(k, g); }
      const e = this.endpointFor(p, svc);
      g.endpoints.set(endpointKey(e), e);
    }
    return groups;
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const svc = this.services.indexer.getByKey(key);
    // Without the Service the garbage collector removes its slices (they are owned by it).
    if (!svc || svc.metadata?.deletionTimestamp || !managedService(svc)) return;
    const pods = podsForService(this.pods.indexer.byIndex(NamespaceIndex, namespace), svc);
    const groups = this.desired(svc, pods);
    const placeholder = groups.size === 0;
    if (placeholder) groups.set(groupKey('IPv4', []), { addressType: 'IPv4', ports: [], endpoints: new Map() });
    const existing = this.slices.indexer.byIndex(NamespaceIndex, namespace).filter((s) =>
      s.metadata?.labels?.[ServiceNameLabel] === name && s.metadata.labels[ManagedByLabel] === ControllerName);

    const labels: Record<string, string> = { ...svc.metadata?.labels, [ServiceNameLabel]: name, [ManagedByLabel]: ControllerName };
    if (svc.spec?.clusterIP === 'None') labels[HeadlessLabel] = '';
    const trigger = lastChangeTime(svc, pods);
    const c = this.client.namespace(namespace);
    const toDelete: EndpointSlice[] = [];
    const toUpdate: EndpointSlice[] = [];
    const kept = new Map<string, EndpointSlice[]>();
    for (const s of existing) {
      const ownerOK = getControllerOf(s)?.uid === svc.metadata?.uid;
      const g = ownerOK ? groups.get(groupKey(s.addressType, s.ports ?? [])) : undefined;
      if (!g) { toDelete.push(s); continue; }
      const eps: Endpoint[] = [];
      for (const e of s.endpoints ?? []) {
        const want = g.endpoints.get(endpointKey(e));
        if (!want) continue;
        g.endpoints.delete(endpointKey(e));
        eps.push(want);
      }
      const k = groupKey(s.addressType, s.ports ?? []);
      const list = kept.get(k) ?? [];
      const changed = canonical(eps) !== canonical(s.endpoints ?? []) || canonical(s.metadata?.labels ?? {}) !== canonical(labels);
      const next: EndpointSlice = { ...s, endpoints: eps, metadata: { ...s.metadata, labels } };
      if (changed) {
        if (trigger) next.metadata = { ...next.metadata, annotations: { ...next.metadata?.annotations, [LastChangeTriggerTime]: trigger } };
        toUpdate.push(next);
      }
      list.push(changed ? next : s);
      kept.set(k, list);
    }
    const toCreate: EndpointSlice[] = [];
    for (const [k, g] of groups) {
      const rest = [...g.endpoints.values()];
      const slices = kept.get(k) ?? [];
      // Fill slices that have room before making new ones.
      for (const s of slices) {
        const room = this.max - (s.endpoints?.length ?? 0);
        if (room <= 0 || rest.length === 0) continue;
        s.endpoints = [...(s.endpoints ?? []), ...rest.splice(0, room)];
        if (!toUpdate.includes(s)) {
          if (trigger) s.metadata = { ...s.metadata, annotations: { ...s.metadata?.annotations, [LastChangeTriggerTime]: trigger } };
          toUpdate.push(s);
        }
      }
      while (rest.length > 0 || (placeholder && slices.length === 0 && toCreate.length === 0)) {
        toCreate.push({
          apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
          metadata: {
            generateName: `${name}-`, namespace, labels,
            ...(trigger ? { annotations: { [LastChangeTriggerTime]: trigger } } : {}),
            ownerReferences: [newControllerRef(svc, 'v1', 'Service')],
          },
          addressType: g.addressType, ports: g.ports, endpoints: rest.splice(0, this.max),
        });
      }
    }
    // Slices left empty go, unless one is needed as the placeholder.
    for (const s of toUpdate.slice()) {
      if ((s.endpoints?.length ?? 0) > 0 || placeholder) continue;
      toUpdate.splice(toUpdate.indexOf(s), 1);
      toDelete.push(s);
    }
    for (const s of toCreate) await c.create(s);
    for (const s of toUpdate) await c.update(s);
    for (const s of toDelete) {
      try { await c.delete(s.metadata?.name ?? '', { preconditions: { uid: s.metadata?.uid } }); } catch (err) { if (!isNotFound(err)) throw err; }
    }
  }
}
