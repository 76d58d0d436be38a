// The controllers the manager knows, by their upstream `--controllers` names, with upstream's
// default worker counts (--concurrent-*-syncs). Adding a controller is one line here.

import type { ControllerFactory } from '../common/context.ts';
import { ReplicaSetController } from '../replicaset/controller.ts';
import { ReplicaSetKind, ReplicationControllerKind } from '../replicaset/kinds.ts';
import { DeploymentController } from '../deployment/controller.ts';
import { NamespaceController } from '../namespace/controller.ts';
import { GarbageCollector } from '../garbagecollector/controller.ts';
import { JobController } from '../job/controller.ts';
import { StatefulSetController } from '../statefulset/controller.ts';
import { CronJobController } from '../cronjob/controller.ts';
import { DaemonSetController } from '../daemon/controller.ts';
import { TTLAfterFinishedController } from '../ttlafterfinished/controller.ts';
import { EndpointsController } from '../endpoint/controller.ts';
import { EndpointSliceController } from '../endpointslice/controller.ts';
import { NodeLifecycleController } from '../nodelifecycle/controller.ts';
import { NodeIPAMController } from '../nodeipam/controller.ts';
import { PodGCController } from '../podgc/controller.ts';
import { ServiceController } from '../service/controller.ts';
import { DisruptionController } from '../disruption/controller.ts';
import { ServiceAccountsController } from '../serviceaccount/controller.ts';
import { RootCACertPublisher } from '../rootcacertpublisher/controller.ts';
import { newTokensController } from '../token/controller.ts';
import { ResourceQuotaController } from '../resourcequota/controller.ts';
import { HorizontalController } from '../podautoscaler/controller.ts';

export interface ControllerRegistration {
  factory: ControllerFactory;
  /** Upstream's default number of workers. */
  workers: number;
  /**
   * The kube-system service account it acts as with --use-service-account-credentials; absent for
   * the controllers upstream always runs with the manager's own identity (the tokens controller).
   */
  serviceAccount?: string;
}

export const controllerRegistry: Record<string, ControllerRegistration> = {
  namespace: { factory: (ctx) => new NamespaceController(ctx), workers: 10, serviceAccount: 'namespace-controller' },
  garbagecollector: { factory: (ctx) => GarbageCollector.create(ctx), workers: 20, serviceAccount: 'generic-garbage-collector' },
  replicaset: { factory: (ctx) => new ReplicaSetController(ctx, ReplicaSetKind), workers: 5, serviceAccount: 'replicaset-controller' },
  replicationcontroller: { factory: (ctx) => new ReplicaSetController(ctx, ReplicationControllerKind), workers: 5, serviceAccount: 'replication-controller' },
  deployment: { factory: (ctx) => new DeploymentController(ctx), workers: 5, serviceAccount: 'deployment-controller' },
  daemonset: { factory: (ctx) => new DaemonSetController(ctx), workers: 2, serviceAccount: 'daemon-set-controller' },
  statefulset: { factory: (ctx) => new StatefulSetController(ctx), workers: 5, serviceAccount: 'statefulset-controller' },
  job: { factory: (ctx) => new JobController(ctx), workers: 5, serviceAccount: 'job-controller' },
  cronjob: { factory: (ctx) => new CronJobController(ctx), workers: 5, serviceAccount: 'cronjob-controller' },
  'ttl-after-finished': { factory: (ctx) => new TTLAfterFinishedController(ctx), workers: 5, serviceAccount: 'ttl-after-finished-controller' },
  serviceaccount: { factory: (ctx) => new ServiceAccountsController(ctx), workers: 1, serviceAccount: 'service-account-controller' },
  'root-ca-cert-publisher': { factory: (ctx) => new RootCACertPublisher(ctx), workers: 1, serviceAccount: 'root-ca-cert-publisher' },
  // Upstream runs it with the manager's own credentials, not a service account of its own.
  'serviceaccount-token': { factory: (ctx) => newTokensController(ctx), workers: 5 },
  resourcequota: { factory: (ctx) => new ResourceQuotaController(ctx), workers: 5, serviceAccount: 'resourcequota-controller' },
  horizontalpodautoscaling: { factory: (ctx) => new HorizontalController(ctx), workers: 5, serviceAccount: 'horizontal-pod-autoscaler' },
  endpoint: { factory: (ctx) => new EndpointsController(ctx), workers: 5, serviceAccount: 'endpoint-controller' },
  endpointslice: { factory: (ctx) => new EndpointSliceController(ctx), workers: 5, serviceAccount: 'endpointslice-controller' },
  nodelifecycle: { factory: (ctx) => new NodeLifecycleController(ctx), workers: 1, serviceAccount: 'node-controller' },
  nodeipam: { factory: (ctx) => new NodeIPAMController(ctx), workers: 1, serviceAccount: 'node-controller' },
  podgc: { factory: (ctx) => new PodGCController(ctx), workers: 1, serviceAccount: 'pod-garbage-collector' },
  service: { factory: (ctx) => new ServiceController(ctx), workers: 1, serviceAccount: 'service-controller' },
  disruption: { factory: (ctx) => new DisruptionController(ctx), workers: 1, serviceAccount: 'disruption-controller' },
};

/** Upstream's `--controllers` semantics: '*' = all on by default, 'foo' = on, '-foo' = off. */
export function enabledControllers(flags: string[] = ['*'], known: string[] = Object.keys(controllerRegistry)): string[] {
  const on = new Set<string>();
  const off = new Set<string>();
  let star = false;
  for (const f of flags) {
    if (f === '*') star = true;
    else if (f.startsWith('-')) off.add(f.slice(1));
    else on.add(f);
  }
  for (const n of [...on, ...off]) if (!known.includes(n)) throw new Error(`unknown controller "${n}"`);
  return known.filter((n) => !off.has(n) && (star || on.has(n)));
}
