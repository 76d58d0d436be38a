// Leader election on a coordination.k8s.io/v1 Lease (client-go's tools/leaderelection with the
// LeaseLock): candidates try to acquire or renew the lease every retryPeriod; a holder that
// cannot renew within renewDeadline steps down; a lease not renewed for leaseDuration, measured
// on the candidate's own clock from when it last saw the record change, may be taken over.
// On stop the leader releases the lease (ReleaseOnCancel) so a successor need not wait.

import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { realClock, sleep } from './clock.ts';
import type { Clock } from './clock.ts';
import type { RestClient } from './rest.ts';
import { isAlreadyExists, isConflict, isNotFound } from './status.ts';
import { ResourceClient, resources } from './typed.ts';

export interface LeaderCallbacks {
  /** Called on becoming leader; the signal aborts when leadership ends. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  onStoppedLeading(): void;
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  client: RestClient;
  lease: { namespace: string; name: string };
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Give the lease up when stopped (default true). */
  releaseOnCancel?: boolean;
  callbacks: LeaderCallbacks;
  clock?: Clock;
  onError?: (err: unknown) => void;
}

/** metav1.MicroTime: RFC 3339 with exactly six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const JitterFactor = 1.2;

export class LeaderElector {
  private readonly cfg: Required<Omit<LeaderElectionConfig, 'onError' | 'clock'>> & { clock: Clock };
  private readonly leases: ResourceClient<Lease>;
  private readonly onError: (err: unknown) => void;
  private readonly stopCtl = new AbortController();
  private observed: Lease | undefined;
  private observedAt = 0;
  private reportedLeader = '';
  private leading: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(config: LeaderElectionConfig) {
    // Options given as undefined keep their defaults.
    const given = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) as LeaderElectionConfig;
    const cfg = {
      leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000, releaseOnCancel: true,
      clock: realClock, ...given,
    };
    if (cfg.leaseDurationMs <= cfg.renewDeadlineMs) throw new Error('leaseDuration must be greater than renewDeadline');
    if (cfg.renewDeadlineMs <= JitterFactor * cfg.retryPeriodMs) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (!cfg.identity) throw new Error('leader election needs an identity');
    this.cfg = cfg;
    this.leases = new ResourceClient<Lease>(config.client, resources.leases).namespace(config.lease.namespace);
    this.onError = config.onError ?? ((err) => {
      process.stderr.write(`leader election ${config.lease.namespace}/${config.lease.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }

  isLeader(): boolean {
    return this.leading !== undefined && !this.leading.signal.aborted;
  }

  /** The holder last seen on the lease. */
  getLeader(): string {
    return this.observed?.spec?.holderIdentity ?? '';
  }

  /** Campaigns, leads until leadership is lost or stop() is called, then resolves. */
  run(): Promise<void> {
    this.running ??= this.campaign();
    return this.running;
  }

  /** Stops campaigning or leading; releases the lease if held. */
  async stop(): Promise<void> {
    if (!this.stopCtl.signal.aborted) this.stopCtl.abort(new Error('leader election stopped'));
    await this.running;
  }

  private get stopped(): boolean {
    return this.stopCtl.signal.aborted;
  }

  private async campaign(): Promise<void> {
    // Acquire: retry every retryPeriod (jittered) until we hold the lease.
    while (!this.stopped) {
      if (await this.tryAcquireOrRenew()) break;
      await this.pause(this.cfg.retryPeriodMs * (1 + Math.random() * (JitterFactor - 1)));
    }
    if (this.stopped) return;
    const leading = new AbortController();
    this.leading = leading;
    Promise.resolve()
      .then(() => this.cfg.callbacks.onStartedLeading(leading.signal))
      .catch((err: unknown) => this.onError(err));

    // Renew every retryPeriod; give up when renewDeadline passes without success.
    while (!this.stopped) {
      const deadline = this.cfg.clock.now() + this.cfg.renewDeadlineMs;
      let renewed = false;
      while (!this.stopped && this.cfg.clock.now() < deadline) {
        if (await this.tryAcquireOrRenew()) { renewed = true; break; }
        await this.pause(this.cfg.retryPeriodMs);
      }
      if (!renewed) break;
      await this.pause(this.cfg.retryPeriodMs);
    }
    leading.abort(new Error('leadership lost'));
    if (this.stopped && this.cfg.releaseOnCancel) await this.release();
    this.leading = undefined;
    try {
      this.cfg.callbacks.onStoppedLeading();
    } catch (err) {
      this.onError(err);
    }
  }

  private pause(ms: number): Promise<void> {
    return sleep(this.cfg.clock, ms, this.stopCtl.signal).catch(() => {});
  }

  private observe(lease: Lease): void {
    const prev = this.observed?.spec;
    const next = lease.spec;
    if (!prev || prev.holderIdentity !== next?.holderIdentity || prev.renewTime !== next?.renewTime
      || prev.acquireTime !== next?.acquireTime || prev.leaseTransitions !== next?.leaseTransitions) {
      this.observedAt = this.cfg.clock.now();
    }
    this.observed = lease;
    const holder = next?.holderIdentity ?? '';
    if (holder && holder !== this.reportedLeader) {
      this.reportedLeader = holder;
      try {
        this.cfg.callbacks.onNewLeader?.(holder);
      } catch (err) {
        this.onError(err);
      }
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.cfg.clock.now();
    const me = this.cfg.identity;
    const durationSeconds = Math.round(this.cfg.leaseDurationMs / 1000) || 1;
    try {
      let current: Lease;
      try {
        current = await this.leases.get(this.cfg.lease.name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        const created = await this.leases.create({
          apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
          metadata: { name: this.cfg.lease.name, namespace: this.cfg.lease.namespace },
          spec: {
            holderIdentity: me, leaseDurationSeconds: durationSeconds,
            acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0,
          },
        });
        this.observe(created);
        return true;
      }
      this.observe(current);
      const spec = current.spec ?? {};
      const holder = spec.holderIdentity ?? '';
      const heldByOther = holder !== '' && holder !== me;
      const expiresAt = this.observedAt + (spec.leaseDurationSeconds ?? durationSeconds) * 1000;
      if (heldByOther && expiresAt > now) return false;
      const iAmHolder = holder === me;
      const updated = await this.leases.update({
        ...current,
        spec: {
          ...spec,
          holderIdentity: me,
          leaseDurationSeconds: durationSeconds,
          renewTime: microTime(now),
          acquireTime: iAmHolder && spec.acquireTime ? spec.acquireTime : microTime(now),
          leaseTransitions: iAmHolder ? (spec.leaseTransitions ?? 0) : (spec.leaseTransitions ?? 0) + 1,
        },
      });
      this.observe(updated);
      return true;
    } catch (err) {
      if (!isConflict(err) && !isAlreadyExists(err)) this.onError(err);
      return false;
    }
  }

  /** Gives the lease up so a successor can take it at once (client-go's release). */
  private async release(): Promise<void> {
    const lease = this.observed;
    if (!lease || lease.spec?.holderIdentity !== this.cfg.identity) return;
    const now = microTime(this.cfg.clock.now());
    try {
      const updated = await this.leases.update({
        ...lease,
        spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: now, acquireTime: now },
      });
      this.observed = updated;
    } catch (err) {
      this.onError(err);
    }
  }
}
