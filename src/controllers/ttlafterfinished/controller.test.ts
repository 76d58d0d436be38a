import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from 'kubernetes-types/batch/v1.js';
import { clientFor, isNotFound, resources } from '../../client/index.ts';
import { startControllerTestCluster, waitFor } from '../testing/cluster.ts';
import { timeLeft } from './controller.ts';

function finishedJob(name: string, ttl: number | undefined): Job {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
    spec: { ttlSecondsAfterFinished: ttl, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x' }] } } },
  };
}

test('time left counts from the Complete condition and is undefined without a TTL or before the end', () => {
  const j: Job = { ...finishedJob('a', 10), status: { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' }] } };
  assert.equal(timeLeft(j, Date.parse('2024-01-01T00:00:04Z')), 6000);
  assert.equal(timeLeft(finishedJob('b', 10), Date.now()), undefined);
  assert.equal(timeLeft({ ...j, spec: { ...j.spec, ttlSecondsAfterFinished: undefined } } as Job, Date.now()), undefined);
});

test('a finished Job is deleted after its TTL; one without a TTL stays', async (t) => {
  const c = await startControllerTestCluster(t, { controllers: ['ttl-after-finished'], kubelet: false });
  const jobs = clientFor(c.client).resource<Job>(resources.jobs).namespace('default');
  const start = Date.now();
  const now = new Date(start).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const done = { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: now }], completionTime: now, startTime: now, succeeded: 1 };
  for (const [name, ttl] of [['short', 2], ['keep', undefined]] as const) {
    const j = await jobs.create(finishedJob(name, ttl));
    await jobs.updateStatus({ ...j, status: done });
  }
  // Foreground deletion: without the garbage collector here the Job stays, marked for deletion.
  const gone = await waitFor('short deleted', async () => jobs.get('short').then((j) => j.metadata?.deletionTimestamp ? j : false, (err: unknown) => isNotFound(err) || false), 10_000);
  if (gone !== true) assert.ok(gone.metadata?.finalizers?.includes('foregroundDeletion'));
  // The condition time is truncated to seconds: at least TTL - 1 s after it was set.
  assert.ok(Date.now() - start >= 1000, 'not before its TTL');
  assert.equal((await jobs.get('keep')).metadata?.name, 'keep');
});
