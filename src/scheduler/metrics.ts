// The scheduler's Prometheus metrics, under upstream's names, on a registry of its own.

import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export class SchedulerMetrics {
  readonly registry = new Registry();
  readonly scheduleAttempts: Counter<'result' | 'profile'>;
  readonly attemptDuration: Histogram<'result' | 'profile'>;
  readonly e2eDuration: Histogram<'result' | 'profile'>;
  readonly algorithmDuration: Histogram;
  readonly podSchedulingSLIDuration: Histogram<'attempts'>;
  readonly podSchedulingAttempts: Histogram;
  readonly pendingPods: Gauge<'queue'>;
  readonly queueIncomingPods: Counter<'queue' | 'event'>;
  readonly preemptionAttempts: Counter;
  readonly preemptionVictims: Histogram;
  readonly cacheSize: Gauge<'type'>;
  readonly extensionPointDuration: Histogram<'extension_point' | 'status' | 'profile'>;

  constructor(o: { pending: () => Record<string, number>; cache: () => Record<string, number> }) {
    const registers = [this.registry];
    const latency = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192, 16.384];
    this.scheduleAttempts = new Counter({ name: 'scheduler_schedule_attempts_total', help: 'Number of attempts to schedule pods, by the result. \'unschedulable\' means a pod could not be scheduled, while \'error\' means an internal scheduler problem.', labelNames: ['result', 'profile'], registers });
    this.attemptDuration = new Histogram({ name: 'scheduler_scheduling_attempt_duration_seconds', help: 'Scheduling attempt latency in seconds (scheduling algorithm + binding)', labelNames: ['result', 'profile'], buckets: latency, registers });
    this.e2eDuration = new Histogram({ name: 'scheduler_e2e_scheduling_duration_seconds', help: 'E2e scheduling latency in seconds (scheduling algorithm + binding). This metric is replaced by scheduling_attempt_duration_seconds.', labelNames: ['result', 'profile'], buckets: latency, registers });
    this.algorithmDuration = new Histogram({ name: 'scheduler_scheduling_algorithm_duration_seconds', help: 'Scheduling algorithm latency in seconds', buckets: latency, registers });
    this.podSchedulingSLIDuration = new Histogram({ name: 'scheduler_pod_scheduling_sli_duration_seconds', help: 'E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue and might involve multiple scheduling attempts.', labelNames: ['attempts'], buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, 163.84, 327.68, 655.36, 1310.72, 2621.44, 5242.88], registers });
    this.podSchedulingAttempts = new Histogram({ name: 'scheduler_pod_scheduling_attempts', help: 'Number of attempts to successfully schedule a pod.', buckets: [1, 2, 4, 8, 16], registers });
    this.pendingPods = new Gauge({
      name: 'scheduler_pending_pods', help: 'Number of pending pods, by the queue type. \'active\' means number of pods in activeQ; \'backoff\' means number of pods in backoffQ; \'unschedulable\' means number of pods in unschedulablePods that the scheduler attempted to schedule and failed; \'gated\' is the number of unschedulable pods that the scheduler never attempted to schedule because they are gated.',
      labelNames: ['queue'], registers,
      collect() { for (const [q, n] of Object.entries(o.pending())) this.set({ queue: q }, n); },
    });
    this.queueIncomingPods = new Counter({ name: 'scheduler_queue_incoming_pods_total', help: 'Number of pods added to scheduling queues by event and queue type.', labelNames: ['queue', 'event'], registers });
    this.preemptionAttempts = new Counter({ name: 'scheduler_preemption_attempts_total', help: 'Total preemption attempts in the cluster till now', registers });
    this.preemptionVictims = new Histogram({ name: 'scheduler_preemption_victims', help: 'Number of selected preemption victims', buckets: [1, 2, 4, 8, 16, 32, 64], registers });
    this.cacheSize = new Gauge({
      name: 'scheduler_cache_size', help: 'Number of nodes, pods, and assumed (bound) pods in the scheduler cache.', labelNames: ['type'], registers,
      collect() { for (const [t, n] of Object.entries(o.cache())) this.set({ type: t }, n); },
    });
    this.extensionPointDuration = new Histogram({ name: 'scheduler_framework_extension_point_duration_seconds', help: 'Latency for running all plugins of a specific extension point.', labelNames: ['extension_point', 'status', 'profile'], buckets: latency, registers });
  }
}
