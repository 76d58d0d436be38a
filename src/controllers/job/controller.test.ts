import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { clientFor, resources } from '../../client/index.ts';
import { startHollowControllerCluster } from '../common/hollow-cluster.ts';
import { waitFor } from '../testing/cluster.ts';
import { hasTrue } from './conditions.ts';
import { formatIndexes, parseIndexes } from './indexes.ts';
import { JobTrackingFinalizer } from './pods.ts';
import { backoffDelayMs } from './sync.ts';

function job(name: string, spec: Partial<Job['spec']> & object, annotations: Record<string, string> = {}): Job {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
    spec: {
      ...spec,
      template: { metadata: { annotations }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
    },
  };
}

test('completed indexes are written as upstream compresses them and back-off doubles from 10 s to 6 min', () => {
  assert.equal(formatIndexes([7, 1, 3, 4, 5]), '1,3-5,7');
  assert.equal(formatIndexes([0, 1]), '0,1');
  assert.deepEqual([...parseIndexes('1,3-5,7', 5)].sort(), [1, 3, 4]);
  assert.deepEqual([1, 2, 3, 10].map(backoffDelayMs), [10_000, 20_000, 40_000, 360_000]);
});

test('Jobs: completions with parallelism, Indexed mode, backoff limit, pod failure policy, deadline and suspend', async (t) => {
  const c = await startHollowControllerCluster(t, ['job']);
  const jobs = clientFor(c.client).resource<Job>(resources.jobs).namespace('default');
  const pods = clientFor(c.client).resource<Pod>(resources.pods).namespace('default');
  const finished = (name: string, type: string): Promise<Job> => waitFor(`${name} ${type}`, async () => {
    const j = await jobs.get(name);
    return hasTrue(j, type) ? j : undefined;
  }, 20_000);

  await jobs.create(job('three', { completions: 3, parallelism: 2 }));
  await jobs.create(job('indexed', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
  await jobs.create(job('fails', { backoffLimit: 0 }, { 'hollow.coxswain.io/fail-after': '200ms' }));
  await jobs.create(job('policy', {
    backoffLimit: 5,
    podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
  }, { 'hollow.coxswain.io/fail-after': '200ms', 'hollow.coxswain.io/exit-code': '42' }));
  await jobs.create(job('slow', { activeDeadlineSeconds: 1, parallelism: 2, completions: 2 }, { 'hollow.coxswain.io/complete-after': '1h' }));
  await jobs.create(job('paused', { suspend: true, parallelism: 2, completions: 2 }));

  const three = await finished('three', 'Complete');
  assert.equal(three.status?.succeeded, 3);
  assert.equal(three.status?.active ?? 0, 0);
  assert.ok(three.status?.completionTime && three.status.startTime);
  assert.ok(hasTrue(three, 'SuccessCriteriaMet'));
  const threePods = await pods.list({ labelSelector: 'batch.kubernetes.io/job-name=three' });
  assert.equal(threePods.items.length, 3, 'never more pods than completions');
  for (const p of threePods.items) assert.ok(!p.metadata?.finalizers?.includes(JobTrackingFinalizer), 'tracking finalizer removed');

  const indexed = await finished('indexed', 'Complete');
  assert.equal(indexed.status?.completedIndexes, '0-2');
  const ip = await pods.list({ labelSelector: 'batch.kubernetes.io/job-name=indexed' });
  assert.deepEqual(ip.items.map((p) => p.metadata?.annotations?.['batch.kubernetes.io/job-completion-index']).sort(), ['0', '1', '2']);
  const p0 = ip.items.find((p) => p.metadata?.labels?.['batch.kubernetes.io/job-completion-index'] === '0');
  assert.equal(p0?.spec?.hostname, 'indexed-0');
  assert.deepEqual(p0?.spec?.containers[0]?.env?.find((e) => e.name === 'JOB_COMPLETION_INDEX')?.valueFrom?.fieldRef?.fieldPath,
    "metadata.annotations['batch.kubernetes.io/job-completion-index']");

  const fails = await finished('fails', 'Failed');
  assert.equal(fails.status?.conditions?.find((x) => x.type === 'Failed')?.reason, 'BackoffLimitExceeded');
  assert.ok(hasTrue(fails, 'FailureTarget'));
  assert.equal(fails.status?.failed, 1);

  const policy = await finished('policy', 'Failed');
  const pc = policy.status?.conditions?.find((x) => x.type === 'Failed');
  assert.equal(pc?.reason, 'PodFailurePolicy');
  assert.match(pc?.message ?? '', /exit code 42 matching FailJob rule at index 0/);

  const slow = await finished('slow', 'Failed');
  assert.equal(slow.status?.conditions?.find((x) => x.type === 'Failed')?.reason, 'DeadlineExceeded');
  await waitFor('slow pods gone', async () => (await pods.list({ labelSelector: 'batch.kubernetes.io/job-name=slow' })).items.length === 0);

  const paused = await finished('paused', 'Suspended');
  assert.equal((await pods.list({ labelSelector: 'batch.kubernetes.io/job-name=paused' })).items.length, 0);
  assert.equal(paused.status?.startTime, undefined);
  await jobs.patch('paused', 'merge', { spec: { suspend: false } });
  const resumed = await finished('paused', 'Complete');
  assert.equal(resumed.status?.conditions?.find((x) => x.type === 'Suspended')?.reason, 'JobResumed');
  assert.equal(resumed.status?.succeeded, 2);
});
