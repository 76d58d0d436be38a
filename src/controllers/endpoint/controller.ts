// The endpoints controller (upstream pkg/controller/endpoint): one Endpoints object per Service
// with a selector, its subsets built from the selected pods — ready pods as addresses, the others
// as notReadyAddresses (all ready with publishNotReadyAddresses), target ports resolved per pod.

import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { DeletedFinalStateUnknown, ResourceClient, SharedInformer } from '../../client/index.ts';
import { NamespaceIndex, clientFor, isAlreadyExists, isNotFound, metaNamespaceKey, resources, splitMetaNamespaceKey } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { ReconcileLoop } from '../common/loop.ts';
import {
  HeadlessLabel, LastChangeTriggerTime, canonical, enqueueServicesOfPods, findPort, lastChangeTime, managedService, podHostname,
  podReadyForService, podsForService, shouldPodBeInEndpoints,
} from './podaddress.ts';

/** Upstream's maxCapacity: at most this many addresses, then the over-capacity annotation. */
export const MaxCapacity = 1000;
export const OverCapacity = 'endpoints.kubernetes.io/over-capacity';

export class EndpointsController implements Controller {
  readonly loop: ReconcileLoop;
  private readonly services: SharedInformer<Service>;
  private readonly pods: SharedInformer<Pod>;
  private readonly endpoints: SharedInformer<Endpoints>;
  private readonly client: ResourceClient<Endpoints>;

  constructor(ctx: ControllerContext) {
    this.client = clientFor(ctx.rest).resource<Endpoints>(resources.endpoints);
    this.loop = new ReconcileLoop({ name: 'endpoint', reconcile: (k) => this.sync(k), metrics: ctx.metrics });
    this.services = ctx.informers.informerFor<Service>(resources.services);
    this.pods = ctx.informers.informerFor<Pod>(resources.pods);
    this.endpoints = ctx.informers.informerFor<Endpoints>(resources.endpoints);
    const enqueue = (o: Service | Endpoints | DeletedFinalStateUnknown<unknown>): void => this.loop.add(metaNamespaceKey(o));
    this.services.addEventHandler({ onAdd: enqueue, onUpdate: (_a, b) => enqueue(b), onDelete: enqueue });
    // An Endpoints object changed by someone else is put back as the controller wants it.
    this.endpoints.addEventHandler({ onDelete: enqueue, onUpdate: (_a, b) => enqueue(b) });
    enqueueServicesOfPods(this.pods, this.services, (key) => this.loop.add(key));
  }

  run(workers: number): void { this.loop.start(workers); }
  stop(): Promise<void> { return this.loop.stop(); }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const svc = this.services.indexer.getByKey(key);
    const c = this.client.namespace(namespace);
    if (!svc) {
      // The Service is gone: so are its Endpoints (only those we would have managed; a selector-less
      // Service's Endpoints belong to the user, and deleting the Service removes them anyway).
      if (this.endpoints.indexer.getByKey(key)) {
        try { await c.delete(name); } catch (err) { if (!isNotFound(err)) throw err; }
      }
      return;
    }
    if (!managedService(svc)) return;
    const pods = podsForService(this.pods.indexer.byIndex(NamespaceIndex, namespace), svc);
    const { subsets, total } = buildSubsets(svc, pods);
    const current = this.endpoints.indexer.getByKey(key);
    const labels: Record<string, string> = { ...svc.metadata?.labels };
    if (svc.spec?.clusterIP === 'None') labels[HeadlessLabel] = '';
    else delete labels[HeadlessLabel];
    const overCapacity = total > MaxCapacity;
    if (current && canonical(current.subsets ?? []) === canonical(subsets)
      && canonical(current.metadata?.labels ?? {}) === canonical(labels)
      && (current.metadata?.annotations?.[OverCapacity] !== undefined) === overCapacity) return;
    const annotations: Record<string, string> = { ...current?.metadata?.annotations };
    const trigger = lastChangeTime(svc, pods);
    if (trigger) annotations[LastChangeTriggerTime] = trigger;
    if (overCapacity) annotations[OverCapacity] = 'truncated';
    else delete annotations[OverCapacity];
    const next: Endpoints = {
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: { ...current?.metadata, name, namespace, labels, annotations },
      subsets: subsets.length > 0 ? subsets : undefined,
    };
    if (!current) {
      try { await c.create(next); } catch (err) {
        // Created meanwhile (informer lag): the update event brings us back.
        if (!isAlreadyExists(err)) throw err;
      }
      return;
    }
    await c.update(next);
  }
}

function portKey(ports: EndpointPort[]): string {
  return JSON.stringify(ports.map((p) => [p.name ?? '', p.port, p.protocol ?? 'TCP']).sort());
}

function byIP(a: EndpointAddress, b: EndpointAddress): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');
}

/** The Endpoints subsets for the Service's pods, grouped by identical port sets (upstream RepackSubsets). */
export function buildSubsets(svc: Service, pods: Pod[]): { subsets: EndpointSubset[]; total: number } {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  const includeTerminating = svc.spec?.publishNotReadyAddresses === true;
  let total = 0;
  for (const p of pods) {
    if (!shouldPodBeInEndpoints(p, includeTerminating)) continue;
    const ports: EndpointPort[] = [];
    let resolved = true;
    for (const sp of svc.spec?.ports ?? []) {
      const port = findPort(p, sp);
      if (port === undefined) { resolved = false; continue; }
      ports.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
    }
    // Upstream skips a pod for a port it cannot resolve; a pod resolving none is left out unless the Service has no ports.
    if (!resolved && ports.length === 0) continue;
    const addr: EndpointAddress = {
      ip: p.status?.podIP ?? '',
      ...(podHostname(p, svc) ? { hostname: podHostname(p, svc) } : {}),
      ...(p.spec?.nodeName ? { nodeName: p.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: p.metadata?.namespace, name: p.metadata?.name, uid: p.metadata?.uid },
    };
    const k = portKey(ports);
    let g = groups.get(k);
    if (!g) { g = { ports, ready: [], notReady: [] }; groups.set(k, g); }
    if (podReadyForService(p, svc)) g.ready.push(addr);
    else if (!p.metadata?.deletionTimestamp) g.notReady.push(addr);
    else continue;
    total++;
  }
  const subsets: EndpointSubset[] = [];
  let left = MaxCapacity;
  for (const g of [...groups.values()].sort((a, b) => portKey(a.ports).localeCompare(portKey(b.ports)))) {
    const ready = g.ready.sort(byIP).slice(0, left);
    left -= ready.length;
    const notReady = g.notReady.sort(byIP).slice(0, left);
    left -= notReady.length;
    if (ready.length === 0 && notReady.length === 0) continue;
    const s: EndpointSubset = {};
    if (ready.length > 0) s.addresses = ready;
    if (notReady.length > 0) s.notReadyAddresses = notReady;
    if (g.ports.length > 0) s.ports = g.ports.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    subsets.push(s);
  }
  return { subsets, total };
}
