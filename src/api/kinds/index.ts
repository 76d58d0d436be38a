// coxswain's built-in kinds: one registry entry per served kind and version, registered in
// upstream's discovery order (kube-apiserver's group priorities).

import { Registry, type ResourceType } from '../registry.ts';
import { appsTypes } from './apps/index.ts';
import { authenticationTypes } from './authn.ts';
import { accessReviewTypes } from './authz.ts';
import { hpaV1, hpaV2 } from './autoscaling.ts';
import { cronJobs, jobs } from './batch.ts';
import { leases } from './coordination.ts';
import { coreTypes } from './core/index.ts';
import { endpointSlices } from './discovery.ts';
import { eventsV1 } from './events.ts';
import { flowcontrolTypes } from './flowcontrol.ts';
import { ingressClasses, ingresses, networkPolicies } from './networking.ts';
import { podDisruptionBudgets } from './policy.ts';
import { rbacTypes } from './rbac.ts';
import { priorityClasses } from './scheduling.ts';
import { storageClasses } from './storage.ts';

export function builtinTypes(): ResourceType[] {
  return [
    ...coreTypes(),
    ...appsTypes(),
    eventsV1,
    ...authenticationTypes(),
    ...accessReviewTypes(),
    hpaV2,
    hpaV1,
    cronJobs, jobs,
    ingressClasses, ingresses, networkPolicies,
    podDisruptionBudgets,
    ...rbacTypes(),
    storageClasses,
    priorityClasses,
    leases,
    endpointSlices,
    ...flowcontrolTypes(),
  ];
}

export function builtinRegistry(): Registry {
  const r = new Registry();
  for (const t of builtinTypes()) r.add(t);
  return r;
}

export * from './printers.ts';
export { podQOSClass } from './core/qos.ts';
export { defaultPullPolicy } from './core/pod-defaults.ts';
export { hpaV1ToV2, hpaV2ToV1 } from './hpa-convert.ts';
export { coreToEventsV1, eventsV1ToCore } from './event-convert.ts';
