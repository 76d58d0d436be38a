// The controller manager (upstream kube-controller-manager): one shared informer factory for all
// controllers, each controller with its own worker count, leader election on the Lease
// kube-system/kube-controller-manager, and /healthz, /livez, /readyz and /metrics on HTTPS :10257.

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { RestConfig } from '../../client/index.ts';
import { EventRecorder, LeaderElector, RestClient, SharedInformerFactory } from '../../client/index.ts';
import type { Controller, ControllerContext } from '../common/context.ts';
import { WorkqueueMetrics } from '../common/metrics.ts';
import { serviceAccountClient } from './credentials.ts';
import type { ServiceAccountClient } from './credentials.ts';
import { controllerRegistry, enabledControllers } from './registry.ts';
import { startServing } from './serving.ts';

export interface ControllerManagerOptions {
  /** Upstream's --controllers: names, '*' for all, '-name' to turn one off. Default ['*']. */
  controllers?: string[];
  /** Default true. */
  leaderElect?: boolean;
  /** Default 10257; 0 picks a free port; -1 serves nothing. */
  securePort?: number;
  bindAddress?: string;
  clusterCIDR?: string;
  /** Upstream's --service-account-private-key-file (as PEM): the tokens controller signs legacy tokens with it. */
  serviceAccountPrivateKeyPem?: string;
  /** Workers per controller name (upstream's --concurrent-*-syncs). */
  concurrency?: Record<string, number>;
  /** Lease timings (ms); upstream's defaults are 15 s / 10 s / 2 s. */
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  log?: (msg: string) => void;
  /**
   * Upstream's --use-service-account-credentials: each controller writes as its own service
   * account in kube-system (shared informers still read with the manager's identity).
   */
  useServiceAccountCredentials?: boolean;
}

export interface ControllerManager {
  port: number;
  /** Resolves once this instance leads and its controllers have started. */
  started: Promise<void>;
  stop(): Promise<void>;
}

interface Running {
  informers: SharedInformerFactory;
  controllers: Controller[];
  recorders: EventRecorder[];
}

export async function startControllerManager(config: RestConfig, opts: ControllerManagerOptions = {}): Promise<ControllerManager> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`controller-manager: ${m}\n`));
  const names = enabledControllers(opts.controllers ?? ['*']);
  const rest = new RestClient({ ...config, userAgent: config.userAgent || 'kube-controller-manager' });
  const metrics = new WorkqueueMetrics();
  let running: Running | undefined;
  const saClients: ServiceAccountClient[] = [];
  let starting: Promise<void> | undefined;
  let leading = false;
  let resolveStarted: () => void = () => {};
  const started = new Promise<void>((r) => { resolveStarted = r; });

  const startControllers = async (signal: AbortSignal): Promise<void> => {
    const informers = new SharedInformerFactory(rest, {
      onError: (err, name) => log(`informer ${name}: ${err instanceof Error ? err.message : String(err)}`),
    });
    const recorders: EventRecorder[] = [];
    const ctx: ControllerContext = {
      rest, informers, metrics, clusterCIDR: opts.clusterCIDR, serviceAccountPrivateKeyPem: opts.serviceAccountPrivateKeyPem, log,
      recorder: (component) => {
        const r = new EventRecorder({ client: rest, component });
        recorders.push(r);
        return r;
      },
    };
    const controllers: Controller[] = [];
    const run: Running = { informers, controllers, recorders };
    running = run;
    const workers: [Controller, number][] = [];
    for (const name of names) {
      const reg = controllerRegistry[name];
      if (!reg) continue;
      let cctx = ctx;
      if (opts.useServiceAccountCredentials && reg.serviceAccount) {
        const sa = await serviceAccountClient(rest, config, reg.serviceAccount, log);
        saClients.push(sa);
        cctx = {
          ...ctx, rest: sa.rest,
          recorder: (component) => {
            const r = new EventRecorder({ client: sa.rest, component });
            recorders.push(r);
            return r;
          },
        };
      }
      const c = await reg.factory(cctx);
      controllers.push(c);
      workers.push([c, opts.concurrency?.[name] ?? reg.workers]);
    }
    informers.start();
    await informers.waitForCacheSync(signal);
    if (signal.aborted) return;
    for (const [c, n] of workers) await c.run(n);
    log(`started ${names.join(', ')}`);
    resolveStarted();
  };

  const stopControllers = async (): Promise<void> => {
    const r = running;
    running = undefined;
    if (!r) return;
    await starting?.catch(() => {});
    await Promise.all(r.controllers.map((c) => c.stop()));
    await r.informers.shutdown();
    await Promise.all(r.recorders.map((x) => x.flush()));
    for (const sa of saClients.splice(0)) sa.stop();
  };

  let elector: LeaderElector | undefined;
  let electing: Promise<void> | undefined;
  const leaderAbort = new AbortController();
  if (opts.leaderElect ?? true) {
    elector = new LeaderElector({
      client: rest,
      lease: { namespace: 'kube-system', name: 'kube-controller-manager' },
      identity: `${os.hostname()}_${randomUUID()}`,
      leaseDurationMs: opts.leaseDurationMs, renewDeadlineMs: opts.renewDeadlineMs, retryPeriodMs: opts.retryPeriodMs,
      onError: (err) => log(`leader election: ${err instanceof Error ? err.message : String(err)}`),
      callbacks: {
        onStartedLeading: (signal) => {
          leading = true;
          starting = startControllers(signal).catch((err: unknown) => log(`starting controllers: ${String(err)}`));
        },
        onStoppedLeading: () => {
          leading = false;
          log('leader election lost');
          void stopControllers();
        },
      },
    });
    electing = elector.run();
  } else {
    leading = true;
    starting = startControllers(leaderAbort.signal);
    await starting;
  }

  let serving: { port: number; close(): Promise<void> } | undefined;
  const port = opts.securePort ?? 10257;
  if (port >= 0) {
    serving = await startServing({
      bindAddress: opts.bindAddress ?? '0.0.0.0', port, registry: metrics.registry,
      checks: [
        { name: 'ping', check: () => undefined },
        { name: 'leaderElection', check: () => (elector && !leading && elector.isLeader() ? 'leader without controllers' : undefined) },
      ],
    });
  }

  return {
    port: serving?.port ?? -1,
    started,
    stop: async () => {
      leaderAbort.abort();
      await stopControllers();
      if (elector) {
        await elector.stop();
        await electing;
      }
      await serving?.close();
      rest.close();
    },
  };
}
