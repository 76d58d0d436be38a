import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../types.ts';
import { cronJobs, jobs, jobStatus } from './batch.ts';

const ctx = { list: () => [], serviceCIDR: '10.43.0.0/16', nodePortRange: [30000, 32767] as [number, number] };

function job(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: '3f1c-uid', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } }, ...spec },
  };
}

test('job defaults: completions/parallelism 1, backoffLimit 6, NonIndexed, suspend false', () => {
  const j = job();
  jobs.defaults?.(j);
  const spec = j.spec as Record<string, unknown>;
  assert.equal(spec.completions, 1);
  assert.equal(spec.parallelism, 1);
  assert.equal(spec.backoffLimit, 6);
  assert.equal(spec.completionMode, 'NonIndexed');
  assert.equal(spec.suspend, false);
  assert.equal(spec.podReplacementPolicy, 'TerminatingOrFailed');
  const parallel = job({ parallelism: 3 });
  jobs.defaults?.(parallel);
  assert.equal((parallel.spec as Record<string, unknown>).completions, undefined);
});

test('job create generates the controller-uid selector and template labels from the uid', () => {
  const j = job();
  jobs.defaults?.(j);
  jobs.prepareForCreate?.(j, ctx);
  const spec = j.spec as { selector: unknown; template: { metadata: { labels: Record<string, string> } } };
  assert.deepEqual(spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': '3f1c-uid' } });
  assert.deepEqual(spec.template.metadata.labels, {
    'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': '3f1c-uid', 'batch.kubernetes.io/controller-uid': '3f1c-uid',
  });
  assert.equal(j.metadata.labels?.['batch.kubernetes.io/job-name'], 'pi');
  const manual = job({ manualSelector: true, selector: { matchLabels: { app: 'x' } } });
  jobs.prepareForCreate?.(manual, ctx);
  assert.deepEqual((manual.spec as Record<string, unknown>).selector, { matchLabels: { app: 'x' } });
});

test('job rows: STATUS COMPLETIONS DURATION AGE', () => {
  const now = Date.parse('2024-01-01T00:10:00Z');
  const j = job({ completions: 3, parallelism: 1 });
  j.status = { succeeded: 1, startTime: '2024-01-01T00:00:00Z' };
  assert.deepEqual(jobs.row(j, now).slice(0, 5), ['pi', 'Running', '1/3', '10m', '10m']);
  j.status = { succeeded: 3, startTime: '2024-01-01T00:00:00Z', completionTime: '2024-01-01T00:00:42Z', conditions: [{ type: 'Complete', status: 'True' }] };
  assert.deepEqual(jobs.row(j, now).slice(1, 4), ['Complete', '3/3', '42s']);
  const p = job({ parallelism: 4 });
  assert.equal(jobs.row(p, now)[2], '0/1 of 4');
  const failed = job();
  failed.status = { conditions: [{ type: 'Failed', status: 'True' }] };
  assert.equal(jobStatus(failed), 'Failed');
  failed.metadata.deletionTimestamp = '2024-01-01T00:09:00Z';
  failed.status = {};
  assert.equal(jobStatus(failed), 'Terminating');
  assert.equal(jobs.fieldSelectors?.['status.successful']?.(j), '3');
});

test('cronjob defaults and row', () => {
  const cj: KubeObject = {
    metadata: { name: 'nightly', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
  };
  cronJobs.defaults?.(cj);
  const spec = cj.spec as Record<string, unknown>;
  assert.equal(spec.concurrencyPolicy, 'Allow');
  assert.equal(spec.suspend, false);
  assert.equal(spec.successfulJobsHistoryLimit, 3);
  assert.equal(spec.failedJobsHistoryLimit, 1);
  assert.deepEqual(cronJobs.row(cj, Date.parse('2024-01-02T00:00:00Z')), ['nightly', '0 3 * * *', '<none>', 'False', 0, '<none>', '24h', 'c', 'busybox', '<none>']);
});
