// Where the HPA gets pod resource usage: the resource metrics API (metrics.k8s.io/v1beta1
// PodMetrics), read through the REST client as upstream's resource metrics client does.

import { milliValue, parseQuantity } from '../../api/quantity.ts';
import type { RestClient } from '../../client/index.ts';
import type { PodMetricsInfo } from './replicas.ts';

export interface MetricsClient {
  /** Per pod usage of a resource (milli-units) summed over its containers (or one container). */
  getResourceMetric(resource: string, namespace: string, labelSelector: string, container?: string): Promise<{ metrics: PodMetricsInfo; timestamp: number }>;
}

interface PodMetrics {
  metadata?: { name?: string };
  timestamp?: string;
  window?: string;
  containers?: { name: string; usage?: Record<string, string> }[];
}

function durationMs(d: string | undefined): number {
  const m = /^(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(d ?? '');
  if (!m || !d) return 0;
  return (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 1000;
}

export class RestMetricsClient implements MetricsClient {
  private readonly rest: RestClient;

  constructor(rest: RestClient) { this.rest = rest; }

  async getResourceMetric(resource: string, namespace: string, labelSelector: string, container?: string): Promise<{ metrics: PodMetricsInfo; timestamp: number }> {
    let list: { items: PodMetrics[] };
    try {
      list = await this.rest.list<PodMetrics>({ group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', namespace }, { labelSelector });
    } catch (err) {
      throw new Error(`unable to fetch metrics from resource metrics API: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (list.items.length === 0) throw new Error('no metrics returned from resource metrics API');
    const metrics: PodMetricsInfo = new Map();
    let timestamp = 0;
    for (const pm of list.items) {
      let sum = 0;
      let missing = false;
      for (const c of pm.containers ?? []) {
        if (container && c.name !== container) continue;
        const v = c.usage?.[resource];
        if (v === undefined) { missing = true; break; }
        sum += Number(milliValue(parseQuantity(v)));
      }
      // A pod missing the resource in some container is left out, as upstream.
      if (missing || !pm.metadata?.name) continue;
      const ts = Date.parse(pm.timestamp ?? '') || 0;
      timestamp = timestamp === 0 ? ts : Math.min(timestamp, ts);
      metrics.set(pm.metadata.name, { timestamp: ts, windowMs: durationMs(pm.window), value: sum });
    }
    return { metrics, timestamp };
  }
}
