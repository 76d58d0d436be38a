// kubectl delete (by name, --wait, -l, cluster-scoped) and get -w against a real `cox server`,
// at both ends of the supported kubectl range.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTLS, kubectlFor, nsFor, spawnKubectl, useCluster, waitFor, API_ONLY } from './harness.ts';
import { configMap, namespace, pod, priorityClass, yaml } from './manifests.ts';

describe('kubectl delete and get -w', () => {
  const cluster = useCluster(API_ONLY);
  for (const k of KUBECTLS) {
    describe(`kubectl ${k.version}`, () => {
      const kc = kubectlFor(cluster, k);
      const ns = nsFor('delete', k.version);
      const wns = nsFor('watch', k.version);
      const exists = async (what: string, namespaced = true): Promise<boolean> => {
        const r = await kc.run(['get', what, ...(namespaced ? ['-n', ns] : []), '-o', 'name']);
        if (r.code === 0) return true;
        assert.match(r.stderr, /Error from server \(NotFound\)/);
        return false;
      };

      before(async () => { await kc.ok(['create', '-f', '-'], yaml(namespace(ns), namespace(wns))); });

      it('delete by name removes the object', async () => {
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(configMap('gone'), pod('gone-pod')));
        assert.equal(await kc.ok(['delete', 'configmap', 'gone', '-n', ns]), 'configmap "gone" deleted\n');
        assert.equal(await exists('cm/gone'), false);
        // An unscheduled pod has nothing to stop, so upstream deletes it at once.
        assert.equal(await kc.ok(['delete', 'pod', 'gone-pod', '-n', ns, '--wait']), 'pod "gone-pod" deleted\n');
        assert.equal(await exists('pod/gone-pod'), false);
        const missing = await kc.fails(['delete', 'configmap', 'gone', '-n', ns]);
        assert.match(missing.stderr, /Error from server \(NotFound\): configmaps "gone" not found/);
      });

      it('delete --wait waits until a finalizer is removed; --wait=false returns at once', async () => {
        const held = { ...configMap('held'), metadata: { name: 'held', finalizers: ['e2e.coxswain.io/hold'] } };
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(held));
        const waiting = spawnKubectl(k.bin, cluster().kubeconfig, ['delete', 'cm', 'held', '-n', ns, '--wait=true', '--timeout=60s']);
        try {
          await waitFor('deletionTimestamp on held', async () => (await kc.ok(['get', 'cm', 'held', '-n', ns, '-o', 'jsonpath={.metadata.deletionTimestamp}'])) !== '');
          assert.equal(waiting.proc.exitCode, null, `delete --wait exited before the finalizer was removed: ${waiting.stdout()} ${waiting.stderr()}`);
          await kc.ok(['patch', 'cm', 'held', '-n', ns, '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
          await waitFor('delete --wait to exit', () => waiting.proc.exitCode !== null);
          assert.equal(waiting.proc.exitCode, 0, waiting.stderr());
          assert.equal(waiting.stdout(), 'configmap "held" deleted\n');
          assert.equal(await exists('cm/held'), false);
        } finally {
          await waiting.stop();
        }

        await kc.ok(['create', '-n', ns, '-f', '-'], yaml({ ...held, metadata: { name: 'held2', finalizers: ['e2e.coxswain.io/hold'] } }));
        assert.equal(await kc.ok(['delete', 'cm', 'held2', '-n', ns, '--wait=false']), 'configmap "held2" deleted\n');
        assert.notEqual(await kc.ok(['get', 'cm', 'held2', '-n', ns, '-o', 'jsonpath={.metadata.deletionTimestamp}']), '');
        await kc.ok(['patch', 'cm', 'held2', '-n', ns, '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
        await waitFor('held2 to be gone', async () => !(await exists('cm/held2')));
      });

      it('delete -l removes exactly the objects the selector matches', async () => {
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(
          configMap('sel-a', {}, { group: 'x' }), configMap('sel-b', {}, { group: 'x' }), configMap('sel-c', {}, { group: 'y' }),
        ));
        const out = await kc.ok(['delete', 'cm', '-n', ns, '-l', 'group=x']);
        assert.deepEqual(out.trim().split('\n').sort(), ['configmap "sel-a" deleted', 'configmap "sel-b" deleted']);
        assert.equal(await kc.ok(['get', 'cm', '-n', ns, '-l', 'group', '-o', 'name']), 'configmap/sel-c\n');
      });

      it('delete of a cluster-scoped PriorityClass needs no namespace', async () => {
        const name = `e2e-pc-${k.version.replace('.', '')}`;
        assert.equal(await kc.ok(['create', '-f', '-'], yaml(priorityClass(name, 1000))), `priorityclass.scheduling.k8s.io/${name} created\n`);
        assert.equal(await kc.ok(['delete', 'priorityclass', name]), `priorityclass.scheduling.k8s.io "${name}" deleted\n`);
        assert.equal(await exists(`priorityclass/${name}`, false), false);
      });

      it('get -w --output-watch-events shows ADDED, MODIFIED and DELETED events', async () => {
        await kc.ok(['create', '-n', wns, '-f', '-'], yaml(configMap('w0')));
        const watch = spawnKubectl(k.bin, cluster().kubeconfig, ['get', 'configmaps', '-n', wns, '-w', '--output-watch-events']);
        try {
          const events = (): string[][] => watch.stdout().split('\n').map((l) => l.trim().split(/\s+/)).filter((c) => c[0] !== 'EVENT' && c.length > 1);
          const saw = (type: string, name: string): Promise<true> =>
            waitFor(`${type} ${name} in:\n${watch.stdout()}`, () => events().some((c) => c[0] === type && c[1] === name));
          await saw('ADDED', 'w0');
          assert.match(watch.stdout(), /^EVENT\s+NAME\s+DATA\s+AGE$/m);
          await kc.ok(['create', '-n', wns, '-f', '-'], yaml(configMap('w1', { a: '1' })));
          await saw('ADDED', 'w1');
          await kc.ok(['patch', 'cm', 'w1', '-n', wns, '--type', 'merge', '-p', '{"data":{"b":"2"}}']);
          await saw('MODIFIED', 'w1');
          const modified = events().find((c) => c[0] === 'MODIFIED' && c[1] === 'w1');
          assert.equal(modified?.[2], '2', watch.stdout());
          await kc.ok(['delete', 'cm', 'w1', '-n', wns]);
          await saw('DELETED', 'w1');
          const w1 = events().filter((c) => c[1] === 'w1').map((c) => c[0]);
          assert.deepEqual(w1, ['ADDED', 'MODIFIED', 'DELETED']);
          assert.equal(watch.proc.exitCode, null, `watch ended early: ${watch.stderr()}`);
        } finally {
          await watch.stop();
        }
      });

      it('get -w --watch-only -o name prints only later changes', async () => {
        const watch = spawnKubectl(k.bin, cluster().kubeconfig, ['get', 'configmaps', '-n', wns, '--watch-only', '-o', 'name']);
        try {
          // The watch starts after kubectl's list; keep creating until the watch is known to be running.
          let i = 0;
          await waitFor(`a later configmap in:\n${watch.stdout()}`, async () => {
            await kc.ok(['create', '-n', wns, '-f', '-'], yaml(configMap(`later-${i++}`)));
            return /configmap\/later-\d+/.test(watch.stdout());
          });
          assert.doesNotMatch(watch.stdout(), /configmap\/w0/);
        } finally {
          await watch.stop();
        }
      });
    });
  }
});
