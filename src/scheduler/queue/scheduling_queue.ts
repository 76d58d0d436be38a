// The scheduling queue (upstream internal/queue PriorityQueue): activeQ ordered by the
// QueueSort plugin, backoffQ ordered by backoff expiry (1 s doubling to 10 s per attempt), and
// unschedulable pods that wait for a cluster event one of their rejecting plugins cares about,
// or for the 5-minute flush.

import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ActionType, ClusterEvent, EventResource, QueuedPodInfo } from '../framework/interface.ts';
import { newPodInfo, podKey } from '../framework/types.ts';
import { KeyedHeap } from './heap.ts';

export interface QueueOptions {
  less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** Plugin name → events that may make pods it rejected schedulable. */
  eventsByPlugin: Map<string, ClusterEvent[]>;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
  now?: () => number;
  /** Called when a pod enters a queue (for scheduler_queue_incoming_pods_total). */
  onIncoming?: (queue: 'active' | 'backoff' | 'unschedulable', event: string) => void;
}

export interface QueueEvent { resource: EventResource; action: ActionType; label: string }

export class SchedulingQueue {
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly o: Required<Omit<QueueOptions, 'onIncoming'>> & Pick<QueueOptions, 'onIncoming'>;
  private waiters: ((q: QueuedPodInfo | undefined) => void)[] = [];
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  schedulingCycle = 0;
  private moveRequestCycle = -1;

  constructor(o: QueueOptions) {
    this.o = { initialBackoffMs: 1000, maxBackoffMs: 10_000, maxInUnschedulableMs: 5 * 60_000, now: Date.now, ...o };
    const key = (q: QueuedPodInfo): string => q.podInfo.key;
    this.activeQ = new KeyedHeap(key, this.o.less);
    this.backoffQ = new KeyedHeap(key, (a, b) => a.backoffExpiry < b.backoffExpiry);
  }

  /** Starts the periodic flushes: backoff every second, leftovers every 30 s. */
  run(): void {
    this.timers.push(setInterval(() => this.flushBackoffQCompleted(), 1000));
    this.timers.push(setInterval(() => this.flushUnschedulablePodsLeftover(), 30_000));
    for (const t of this.timers) t.unref();
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f(undefined);
  }

  pendingCounts(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size };
  }

  has(key: string): boolean {
    return this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key);
  }

  private newQueued(pod: Pod): QueuedPodInfo {
    const now = this.o.now();
    return { podInfo: newPodInfo(pod), timestamp: now, initialAttemptTimestamp: undefined, attempts: 0, unschedulablePlugins: new Set(), backoffExpiry: 0 };
  }

  private pushActive(q: QueuedPodInfo, event: string): void {
    this.activeQ.addOrUpdate(q);
    this.o.onIncoming?.('active', event);
    const w = this.waiters.shift();
    if (w) {
      const next = this.popNow();
      w(next);
    }
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const key = podKey(pod);
    if (this.has(key)) { this.update(pod); return; }
    this.pushActive(this.newQueued(pod), 'PodAdd');
  }

  private popNow(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    this.schedulingCycle++;
    q.initialAttemptTimestamp ??= this.o.now();
    return q;
  }

  /** The next pod to schedule; waits while activeQ is empty; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const q = this.popNow();
    if (q) return Promise.resolve(q);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Pops synchronously if a pod is ready (lets the loop skip a promise per pod). */
  tryPop(): QueuedPodInfo | undefined { return this.closed ? undefined : this.popNow(); }

  private backoffDuration(q: QueuedPodInfo): number {
    let d = this.o.initialBackoffMs;
    for (let i = 1; i < q.attempts; i++) {
      d *= 2;
      if (d >= this.o.maxBackoffMs) return this.o.maxBackoffMs;
    }
    return Math.min(d, this.o.maxBackoffMs);
  }

  private isBackingOff(q: QueuedPodInfo): boolean {
    return q.timestamp + this.backoffDuration(q) > this.o.now();
  }

  private pushBackoff(q: QueuedPodInfo, event: string): void {
    q.backoffExpiry = q.timestamp + this.backoffDuration(q);
    this.backoffQ.addOrUpdate(q);
    this.o.onIncoming?.('backoff', event);
  }

  /**
   * Puts back a pod that failed scheduling in cycle podCycle: to backoffQ if a move request came
   * while it was being scheduled (or it failed with an error), else among the unschedulable.
   */
  addUnschedulableIfNotPresent(q: QueuedPodInfo, podCycle: number, error = false): void {
    const key = q.podInfo.key;
    if (this.has(key)) return;
    q.timestamp = this.o.now();
    if (error || this.moveRequestCycle >= podCycle || q.unschedulablePlugins.size === 0) {
      this.pushBackoff(q, 'ScheduleAttemptFailure');
    } else {
      this.unschedulable.set(key, q);
      this.o.onIncoming?.('unschedulable', 'ScheduleAttemptFailure');
    }
  }

  /** A pending pod changed. */
  update(pod: Pod): void {
    const key = podKey(pod);
    for (const h of [this.activeQ, this.backoffQ]) {
      const q = h.get(key);
      if (q) { q.podInfo = newPodInfo(pod); h.addOrUpdate(q); return; }
    }
    const u = this.unschedulable.get(key);
    if (u) {
      const oldSpec = JSON.stringify(u.podInfo.pod.spec) + JSON.stringify(u.podInfo.pod.metadata?.labels);
      u.podInfo = newPodInfo(pod);
      // An update that may change the outcome gives the pod another try.
      if (oldSpec !== JSON.stringify(pod.spec) + JSON.stringify(pod.metadata?.labels)) {
        this.unschedulable.delete(key);
        if (this.isBackingOff(u)) this.pushBackoff(u, 'PodUpdate');
        else this.pushActive(u, 'PodUpdate');
      }
      return;
    }
    this.add(pod);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
  }

  /** Moves unschedulable pods that the event may help (by their rejecting plugins' events). */
  moveAllToActiveOrBackoffQueue(ev: QueueEvent): void {
    this.moveRequestCycle = this.schedulingCycle;
    if (this.unschedulable.size === 0) return;
    for (const [key, q] of this.unschedulable) {
      if (!this.interested(q, ev)) continue;
      this.unschedulable.delete(key);
      if (this.isBackingOff(q)) this.pushBackoff(q, ev.label);
      else this.pushActive(q, ev.label);
    }
  }

  private interested(q: QueuedPodInfo, ev: QueueEvent): boolean {
    if (q.unschedulablePlugins.size === 0) return true;
    for (const p of q.unschedulablePlugins) {
      const evs = this.o.eventsByPlugin.get(p);
      // A plugin that registers nothing gets every event.
      if (!evs) return true;
      for (const e of evs) {
        if ((e.resource === ev.resource || (e.resource === 'Pod' && ev.resource === 'AssignedPod')) && e.actions.includes(ev.action)) return true;
      }
    }
    return false;
  }

  flushBackoffQCompleted(): void {
    const now = this.o.now();
    for (;;) {
      const q = this.backoffQ.peek();
      if (!q || q.backoffExpiry > now) return;
      this.backoffQ.pop();
      this.pushActive(q, 'BackoffComplete');
    }
  }

  flushUnschedulablePodsLeftover(): void {
    const now = this.o.now();
    for (const [key, q] of this.unschedulable) {
      if (now - q.timestamp < this.o.maxInUnschedulableMs) continue;
      this.unschedulable.delete(key);
      if (this.isBackingOff(q)) this.pushBackoff(q, 'UnschedulableTimeout');
      else this.pushActive(q, 'UnschedulableTimeout');
    }
  }
}
