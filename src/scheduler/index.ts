// The scheduler component: `startScheduler(restConfig, opts)` runs informers, the scheduling
// loop (behind leader election on Lease kube-system/kube-scheduler when asked) and the secure
// port with health and metrics.

import os from 'node:os';
import type { RestConfig } from '../client/config.ts';
import { LeaderElector } from '../client/leaderelection.ts';
import { RestClient } from '../client/rest.ts';
import { durationMs, loadConfigFile } from './config/load.ts';
import type { KubeSchedulerConfiguration } from './config/types.ts';
import { inTreeRegistry } from './plugins/registry.ts';
import type { Registry } from './plugins/registry.ts';
import { Scheduler } from './scheduler.ts';
import { startSecureServing } from './server.ts';

export interface SchedulerStartOptions {
  /** A KubeSchedulerConfiguration file (YAML or JSON). */
  configFile?: string;
  /** Or the configuration itself (wins over configFile). */
  config?: KubeSchedulerConfiguration;
  /** Default: the configuration's leaderElection.leaderElect, else true. */
  leaderElect?: boolean;
  /** HTTPS port for /healthz, /readyz, /livez, /metrics; 10259 by default, 0 for any. */
  securePort?: number;
  bindAddress?: string;
  /** Out-of-tree plugins (name → factory) merged into the in-tree registry. */
  registry?: Registry;
  log?: (msg: string) => void;
}

export interface RunningScheduler {
  stop(): Promise<void>;
  port: number;
  scheduler: Scheduler;
}

export async function startScheduler(config: RestConfig, opts: SchedulerStartOptions = {}): Promise<RunningScheduler> {
  const cfg: KubeSchedulerConfiguration = opts.config ?? (opts.configFile ? loadConfigFile(opts.configFile) : {});
  const log = opts.log ?? ((m: string) => process.stderr.write(`scheduler: ${m}\n`));
  const client = new RestClient({ ...config, userAgent: config.userAgent || 'kube-scheduler' });
  const registry = inTreeRegistry();
  for (const [k, v] of opts.registry ?? []) registry.set(k, v);
  const eventClient = new RestClient({ ...config, userAgent: config.userAgent || 'kube-scheduler' });
  const host = os.hostname();
  const scheduler = new Scheduler({ client, eventClient, config: cfg, registry, host, log });
  const le = cfg.leaderElection ?? {};
  const leaderElect = opts.leaderElect ?? le.leaderElect ?? true;
  const serving = await startSecureServing({
    bindAddress: opts.bindAddress ?? '0.0.0.0',
    port: opts.securePort ?? 10259,
    registry: scheduler.metrics.registry,
    readyChecks: { 'sched-handler-sync': () => scheduler.hasSynced() },
  });
  const stopCtl = new AbortController();
  let elector: LeaderElector | undefined;
  let running: Promise<void> | undefined;
  if (leaderElect) {
    elector = new LeaderElector({
      client,
      lease: { namespace: le.resourceNamespace ?? 'kube-system', name: le.resourceName ?? 'kube-scheduler' },
      identity: `${host}_${crypto.randomUUID()}`,
      leaseDurationMs: durationMs(le.leaseDuration, 15_000),
      renewDeadlineMs: durationMs(le.renewDeadline, 10_000),
      retryPeriodMs: durationMs(le.retryPeriod, 2_000),
      callbacks: {
        onStartedLeading: (signal) => {
          log('became leader; scheduling');
          signal.addEventListener('abort', () => { void scheduler.stop(); });
          running = scheduler.start(stopCtl.signal);
        },
        onStoppedLeading: () => { log('leader election lost'); },
      },
      onError: (err) => log(`leader election: ${err instanceof Error ? err.message : String(err)}`),
    });
    void elector.run();
  } else {
    running = scheduler.start(stopCtl.signal);
  }
  return {
    port: serving.port,
    scheduler,
    async stop() {
      stopCtl.abort();
      await running?.catch(() => {});
      await scheduler.stop();
      await elector?.stop();
      await serving.close();
      client.close();
      eventClient.close();
    },
  };
}

export { Scheduler } from './scheduler.ts';
export type { SchedulerOptions } from './scheduler.ts';
export { parseConfig, loadConfigFile } from './config/load.ts';
export type { KubeSchedulerConfiguration, Profile } from './config/types.ts';
export { inTreeRegistry } from './plugins/registry.ts';
export type { Registry } from './plugins/registry.ts';
