// A CronJob really firing on its schedule in `cox server`: the controller manager's cronjob
// controller creates a Job at the next minute, the job controller runs it on a hollow node, and
// kubectl shows the schedule, the Job and its completion.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KUBECTLS, kubectl, useCluster, waitFor } from './harness.ts';

const cluster = useCluster(['--hollow-nodes', '2']);
const k = KUBECTLS[0] ?? { version: '1.27', bin: '' };
const run = (args: string[], input?: string) => kubectl(k.bin, cluster().kubeconfig, args, input);

test('a CronJob scheduled every minute fires, and its Job completes', { timeout: 150_000 }, async () => {
  const created = await run(['apply', '-f', '-'], `
apiVersion: batch/v1
kind: CronJob
metadata: { name: tick, namespace: default }
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec: { restartPolicy: Never, containers: [{ name: c, image: busybox }] }
`);
  assert.equal(created.code, 0, created.stderr);
  // The next minute boundary is at most 60 s away; allow for scheduling and completion.
  const job = await waitFor('a Job created by the CronJob', async () => {
    const r = await run(['get', 'jobs', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.ownerReferences[0].name}{"\\n"}{end}']);
    const line = r.stdout.split('\n').find((l) => l.endsWith(' tick'));
    return line?.split(' ')[0];
  }, 100_000);
  assert.match(job, /^tick-\d+$/);
  await waitFor('the Job to complete', async () => {
    const r = await run(['get', 'job', job, '-o', 'jsonpath={.status.succeeded}']);
    return r.stdout.trim() === '1' ? true : undefined;
  }, 40_000);
  const cj = await run(['get', 'cronjob', 'tick']);
  assert.equal(cj.code, 0, cj.stderr);
  const row = cj.stdout.split('\n')[1] ?? '';
  assert.match(row, /^tick\s+\*\/1 \* \* \* \*\s+/);
  assert.doesNotMatch(row, /<none>\s+\S+\s*$/, 'LAST SCHEDULE is set');
});
