// What the endpoints and endpointslice controllers share (upstream pkg/controller/util/endpoint):
// which pods belong in a Service's endpoints, how a Service port resolves against a pod's
// container ports (named target ports), and the pod's hostname under the Service.

import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { SharedInformer } from '../../client/index.ts';
import { DeletedFinalStateUnknown, NamespaceIndex, metaNamespaceKey } from '../../client/index.ts';
import { isPodReady } from '../common/pods.ts';

export const LastChangeTriggerTime = 'endpoints.kubernetes.io/last-change-trigger-time';
export const HeadlessLabel = 'service.kubernetes.io/headless';

/** Upstream ShouldPodBeInEndpoints: has an IP, not finished, and (unless included) not terminating. */
export function shouldPodBeInEndpoints(p: Pod, includeTerminating: boolean): boolean {
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!p.status?.podIP) return false;
  if (!includeTerminating && p.metadata?.deletionTimestamp) return false;
  return true;
}

/** The pod counts as ready for the Service (publishNotReadyAddresses makes every pod ready). */
export function podReadyForService(p: Pod, svc: Service): boolean {
  return svc.spec?.publishNotReadyAddresses === true || isPodReady(p);
}

/** Upstream podutil.FindPort: a numeric targetPort as is; a name looked up in the pod's container ports. */
export function findPort(p: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const asNumber = Number(target);
  if (target !== '' && Number.isInteger(asNumber)) return asNumber;
  const protocol = sp.protocol ?? 'TCP';
  for (const c of p.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
    }
  }
  return undefined;
}

/** The pod's hostname in the Service's DNS (only when spec.subdomain names the Service). */
export function podHostname(p: Pod, svc: Service): string | undefined {
  const h = p.spec?.hostname;
  if (!h || p.spec?.subdomain !== svc.metadata?.name || p.metadata?.namespace !== svc.metadata?.namespace) return undefined;
  return h;
}

/** Services of the namespace whose selector picks the pod. */
export function servicesForPod(services: Service[], p: Pod): Service[] {
  const labels = p.metadata?.labels ?? {};
  return services.filter((s) => {
    if (s.metadata?.namespace !== p.metadata?.namespace) return false;
    const sel = s.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) return false;
    return Object.entries(sel).every(([k, v]) => labels[k] === v);
  });
}

/** Pods the Service's selector picks from a namespace's pods. */
export function podsForService(pods: Pod[], svc: Service): Pod[] {
  const sel = svc.spec?.selector ?? {};
  return pods.filter((p) => {
    const labels = p.metadata?.labels ?? {};
    return Object.entries(sel).every(([k, v]) => labels[k] === v);
  });
}

/** Does this Service get controller-managed endpoints (it has a non-empty selector)? */
export function managedService(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;
}

/**
 * The most recent change among the selected pods and the Service (upstream tracks the trigger
 * times of the events; here: Ready transitions and creations, which is what those events are).
 */
export function lastChangeTime(svc: Service, pods: Pod[]): string | undefined {
  let best = Date.parse(svc.metadata?.creationTimestamp ?? '') || 0;
  for (const p of pods) {
    const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
    for (const t of [p.metadata?.creationTimestamp, ready, p.metadata?.deletionTimestamp]) {
      const ms = t ? Date.parse(t) : NaN;
      if (Number.isFinite(ms) && ms > best) best = ms;
    }
  }
  return best > 0 ? new Date(best).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
}

/** Pod changes that may change endpoints (upstream podEndpointsChanged + label changes). */
export function podEndpointsChanged(a: Pod, b: Pod): boolean {
  return a.status?.podIP !== b.status?.podIP || isPodReady(a) !== isPodReady(b)
    || a.metadata?.deletionTimestamp !== b.metadata?.deletionTimestamp || a.spec?.nodeName !== b.spec?.nodeName
    || a.status?.phase !== b.status?.phase || a.spec?.hostname !== b.spec?.hostname || a.spec?.subdomain !== b.spec?.subdomain
    || JSON.stringify(a.metadata?.labels ?? {}) !== JSON.stringify(b.metadata?.labels ?? {});
}

/** JSON with sorted keys, to compare what we want with what the server echoes back. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => {
    if (val && typeof val === 'object' && !Array.isArray(val)) {
      return Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return val;
  });
}

/**
 * Enqueues (namespace/name keys of) the Services selecting a pod whenever the pod's address,
 * readiness or labels change — the pod side of both the endpoints and endpointslice controllers.
 */
export function enqueueServicesOfPods(pods: SharedInformer<Pod>, services: SharedInformer<Service>, enqueue: (key: string) => void): void {
  const changed = (p: Pod): void => {
    const svcs = services.indexer.byIndex(NamespaceIndex, p.metadata?.namespace ?? '');
    for (const s of servicesForPod(svcs, p)) enqueue(metaNamespaceKey(s));
  };
  pods.addEventHandler({
    onAdd: changed,
    onUpdate: (a, b) => {
      if (a.metadata?.resourceVersion === b.metadata?.resourceVersion || !podEndpointsChanged(a, b)) return;
      changed(a);
      changed(b);
    },
    onDelete: (p) => changed(p instanceof DeletedFinalStateUnknown ? p.obj : p),
  });
}
