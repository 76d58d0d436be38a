// What the controller manager hands every controller: one REST client, one shared informer
// factory, event recorders, metrics. A controller registers its informer handlers when built, and
// starts its workers in run() once the caches have synced.

import type { EventRecorder, RestClient, SharedInformerFactory } from '../../client/index.ts';
import type { WorkqueueMetrics } from './metrics.ts';

export interface ControllerContext {
  rest: RestClient;
  informers: SharedInformerFactory;
  /** An event recorder for a component name (e.g. "replicaset-controller"). */
  recorder(component: string): EventRecorder;
  metrics: WorkqueueMetrics;
  clusterCIDR?: string;
  /** PEM of the service account signing key (upstream's --service-account-private-key-file), for legacy token Secrets. */
  serviceAccountPrivateKeyPem?: string;
  log(msg: string): void;
}

export interface Controller {
  /** Starts `workers` workers; returns once they are started. */
  run(workers: number): void | Promise<void>;
  stop(): Promise<void>;
}

export type ControllerFactory = (ctx: ControllerContext) => Controller | Promise<Controller>;
