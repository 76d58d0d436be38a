// Upstream's workqueue metrics (k8s.io/component-base/metrics/prometheus/workqueue), one series
// per queue under the `name` label: depth, adds, queue and work durations, retries.

import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface QueueDepth {
  len(): number;
}

// Upstream's buckets: 1e-8 s doubling ten times by a factor of 10.
const DurationBuckets = [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1, 10];

export class WorkqueueMetrics {
  readonly registry: Registry;
  private readonly queues = new Map<string, QueueDepth>();
  private readonly adds: Counter<'name'>;
  private readonly retries: Counter<'name'>;
  private readonly queueDuration: Histogram<'name'>;
  private readonly workDuration: Histogram<'name'>;

  constructor(registry: Registry = new Registry()) {
    this.registry = registry;
    const queues = this.queues;
    new Gauge({
      name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: ['name'], registers: [registry],
      collect() {
        for (const [name, q] of queues) this.set({ name }, q.len());
      },
    });
    this.adds = new Counter({ name: 'workqueue_adds_total', help: 'Total number of adds handled by workqueue', labelNames: ['name'], registers: [registry] });
    this.retries = new Counter({ name: 'workqueue_retries_total', help: 'Total number of retries handled by workqueue', labelNames: ['name'], registers: [registry] });
    this.queueDuration = new Histogram({
      name: 'workqueue_queue_duration_seconds', help: 'How long in seconds an item stays in workqueue before being requested.',
      labelNames: ['name'], buckets: DurationBuckets, registers: [registry],
    });
    this.workDuration = new Histogram({
      name: 'workqueue_work_duration_seconds', help: 'How long in seconds processing an item from workqueue takes.',
      labelNames: ['name'], buckets: DurationBuckets, registers: [registry],
    });
  }

  register(name: string, q: QueueDepth): void {
    this.queues.set(name, q);
    this.adds.inc({ name }, 0);
    this.retries.inc({ name }, 0);
  }

  added(name: string): void { this.adds.inc({ name }); }
  retried(name: string): void { this.retries.inc({ name }); }
  queued(name: string, seconds: number): void { this.queueDuration.observe({ name }, seconds); }
  worked(name: string, seconds: number): void { this.workDuration.observe({ name }, seconds); }
}
