// kubectl apply (client-side and server-side), patch, label, annotate and scale against a real
// `cox server`, at both ends of the supported kubectl range.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTLS, kubectlFor, nsFor, useCluster, API_ONLY } from './harness.ts';
import { configMap, deployment, namespace, service, yaml } from './manifests.ts';

interface ManagedField { manager: string; operation: string; fieldsV1?: { 'f:data'?: Record<string, unknown> } }

describe('kubectl apply, patch, label, annotate and scale', () => {
  const cluster = useCluster(API_ONLY);
  for (const k of KUBECTLS) {
    describe(`kubectl ${k.version}`, () => {
      const kc = kubectlFor(cluster, k);
      const ns = nsFor('modify', k.version);
      const jp = (what: string, path: string): Promise<string> => kc.ok(['get', what, '-n', ns, '-o', `jsonpath=${path}`]);

      before(async () => { await kc.ok(['create', '-f', '-'], yaml(namespace(ns))); });

      it('apply creates, then updates a changed field (client-side), then reports unchanged', async () => {
        const manifest = deployment('applied', 1, 'nginx:1.25') as { metadata: { labels: Record<string, string> }; spec: { template: { spec: { containers: { image: string }[] } } } };
        manifest.metadata.labels.stage = 'beta';
        assert.equal(await kc.ok(['apply', '-n', ns, '-f', '-'], yaml(manifest)), 'deployment.apps/applied created\n');
        const last = await jp('deploy/applied', '{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}');
        assert.equal((JSON.parse(last) as { metadata: { name: string } }).metadata.name, 'applied');

        const c0 = manifest.spec.template.spec.containers[0];
        assert.ok(c0);
        c0.image = 'nginx:1.27';
        delete manifest.metadata.labels.stage;
        assert.equal(await kc.ok(['apply', '-n', ns, '-f', '-'], yaml(manifest)), 'deployment.apps/applied configured\n');
        assert.equal(await jp('deploy/applied', '{.spec.template.spec.containers[0].image}'), 'nginx:1.27');
        // The three-way merge removes a label that the last applied configuration had and the new one lacks.
        assert.equal(await jp('deploy/applied', '{.metadata.labels}'), '{"app":"applied"}');
        assert.equal(await kc.ok(['apply', '-n', ns, '-f', '-'], yaml(manifest)), 'deployment.apps/applied unchanged\n');
      });

      it('apply --server-side records the field manager, reports a conflict, and --force-conflicts takes the field over', async () => {
        assert.equal(await kc.ok(['apply', '--server-side', '-n', ns, '-f', '-'], yaml(configMap('ssa', { color: 'red', size: 'big' }))), 'configmap/ssa serverside-applied\n');
        const fields = JSON.parse(await jp('cm/ssa', '{.metadata.managedFields}')) as ManagedField[];
        assert.deepEqual(fields.map((f) => [f.manager, f.operation]), [['kubectl', 'Apply']]);
        assert.deepEqual(Object.keys(fields[0]?.fieldsV1?.['f:data'] ?? {}).sort(), ['f:color', 'f:size']);

        const conflict = await kc.fails(['apply', '--server-side', '--field-manager=other', '-n', ns, '-f', '-'], yaml(configMap('ssa', { color: 'blue' })));
        assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.data\.color/);
        assert.match(conflict.stderr, /--force-conflicts/);
        assert.equal(await jp('cm/ssa', '{.data.color}'), 'red');

        assert.equal(await kc.ok(['apply', '--server-side', '--force-conflicts', '--field-manager=other', '-n', ns, '-f', '-'], yaml(configMap('ssa', { color: 'blue' }))),
          'configmap/ssa serverside-applied\n');
        assert.equal(await jp('cm/ssa', '{.data.color} {.data.size}'), 'blue big');
        const after = JSON.parse(await jp('cm/ssa', '{.metadata.managedFields}')) as ManagedField[];
        const owner = (field: string): string[] => after.filter((f) => f.fieldsV1?.['f:data']?.[field] !== undefined).map((f) => f.manager);
        assert.deepEqual(owner('f:color'), ['other']);
        assert.deepEqual(owner('f:size'), ['kubectl']);
      });

      it('apply --server-side of a Deployment is idempotent, updates an owned field and conflicts on a field owned by another manager', async () => {
        const d = deployment('ssa-deploy', 2) as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
        assert.equal(await kc.ok(['apply', '--server-side', '-n', ns, '-f', '-'], yaml(d)), 'deployment.apps/ssa-deploy serverside-applied\n');
        const rv = await jp('deploy/ssa-deploy', '{.metadata.resourceVersion}');
        await kc.ok(['apply', '--server-side', '-n', ns, '-f', '-'], yaml(d));
        assert.equal(await jp('deploy/ssa-deploy', '{.metadata.resourceVersion}'), rv, 're-applying the same manifest changes nothing');
        const c0 = d.spec.template.spec.containers[0];
        assert.ok(c0);
        c0.image = 'nginx:1.27';
        await kc.ok(['apply', '--server-side', '-n', ns, '-f', '-'], yaml(d));
        assert.equal(await jp('deploy/ssa-deploy', '{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[1].image}'), 'nginx:1.27 busybox:1.36');
        await kc.ok(['scale', 'deploy', 'ssa-deploy', '-n', ns, '--replicas=5']);
        const conflict = await kc.fails(['apply', '--server-side', '-n', ns, '-f', '-'], yaml(d));
        // kubectl scale sends no fieldManager, so the manager is the user agent's program name (here the binary kubectl.1.NN).
        assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl(\.1\.\d+)?" with subresource "scale" using apps\/v1: \.spec\.replicas/);
      });

      it('apply of a Service keeps the server-allocated cluster IP across re-applies', async () => {
        const svc = service('applied-svc', { app: 'x' });
        assert.equal(await kc.ok(['apply', '-n', ns, '-f', '-'], yaml(svc)), 'service/applied-svc created\n');
        const ip = await jp('svc/applied-svc', '{.spec.clusterIP}');
        assert.match(ip, /^\d+\.\d+\.\d+\.\d+$/);
        assert.equal(await kc.ok(['apply', '-n', ns, '-f', '-'], yaml(svc)), 'service/applied-svc unchanged\n');
        (svc as { spec: { ports: { port: number }[] } }).spec.ports[0] = { ...(svc as { spec: { ports: object[] } }).spec.ports[0], port: 81 } as { port: number };
        assert.equal(await kc.ok(['apply', '-n', ns, '-f', '-'], yaml(svc)), 'service/applied-svc configured\n');
        assert.equal(await jp('svc/applied-svc', '{.spec.clusterIP} {.spec.ports[0].port}'), `${ip} 81`);
      });

      it('apply --server-side reports a conflict with a client-side update manager, naming its API version', async () => {
        await kc.ok(['apply', '--server-side', '-n', ns, '-f', '-'], yaml(configMap('ssa-upd', { mode: 'a' })));
        await kc.ok(['patch', 'cm', 'ssa-upd', '-n', ns, '--type', 'merge', '-p', '{"data":{"mode":"b"}}']);
        const conflict = await kc.fails(['apply', '--server-side', '-n', ns, '-f', '-'], yaml(configMap('ssa-upd', { mode: 'c' })));
        assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: \.data\.mode/);
      });

      it('patch --type json, merge and strategic change the object as each patch type defines', async () => {
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(deployment('patched', 1)));
        assert.equal(await kc.ok(['patch', 'deploy', 'patched', '-n', ns, '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4},{"op":"add","path":"/metadata/labels/tier","value":"backend"}]']),
          'deployment.apps/patched patched\n');
        assert.equal(await jp('deploy/patched', '{.spec.replicas} {.metadata.labels.tier}'), '4 backend');

        // Strategic merge patch merges the containers list by name: the other container stays.
        await kc.ok(['patch', 'deploy', 'patched', '-n', ns, '--type', 'strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}']);
        assert.equal(await jp('deploy/patched', '{range .spec.template.spec.containers[*]}{.name}={.image} {end}'), 'app=nginx:1.25 sidecar=busybox:1.37 ');
        // The default patch type is strategic; re-applying the same patch changes nothing.
        assert.equal(await kc.ok(['patch', 'deploy', 'patched', '-n', ns, '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}']),
          'deployment.apps/patched patched (no change)\n');

        // A JSON merge patch replaces lists whole and deletes keys set to null.
        await kc.ok(['patch', 'deploy', 'patched', '-n', ns, '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":null}},"spec":{"template":{"spec":{"containers":[{"name":"only","image":"nginx:1.27"}]}}}}']);
        assert.equal(await jp('deploy/patched', '{range .spec.template.spec.containers[*]}{.name}={.image} {end}'), 'only=nginx:1.27 ');
        assert.equal(await jp('deploy/patched', '{.metadata.labels}'), '{"app":"patched"}');

        const bad = await kc.fails(['patch', 'deploy', 'patched', '-n', ns, '--type', 'json', '-p', '[{"op":"test","path":"/spec/replicas","value":99}]']);
        // Upstream answers a failed `test` with a 422 Invalid status whose single cause has no field.
        assert.match(bad.stderr, /The request is invalid: : testing value \/spec\/replicas failed/);
        assert.equal(await jp('deploy/patched', '{.spec.replicas}'), '4');
      });

      it('label and annotate add, refuse to overwrite without --overwrite, and remove with key-', async () => {
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(configMap('marked')));
        assert.equal(await kc.ok(['label', 'cm', 'marked', '-n', ns, 'env=prod', 'team=a']), 'configmap/marked labeled\n');
        assert.equal(await jp('cm/marked', '{.metadata.labels.env} {.metadata.labels.team}'), 'prod a');
        const refused = await kc.fails(['label', 'cm', 'marked', '-n', ns, 'env=dev']);
        assert.match(refused.stderr, /'env' already has a value \(prod\), and --overwrite is false/);
        await kc.ok(['label', 'cm', 'marked', '-n', ns, 'env=dev', '--overwrite']);
        assert.equal(await jp('cm/marked', '{.metadata.labels.env}'), 'dev');
        assert.equal(await kc.ok(['label', 'cm', 'marked', '-n', ns, 'env-']), 'configmap/marked unlabeled\n');
        assert.equal(await jp('cm/marked', '{.metadata.labels}'), '{"team":"a"}');

        // kubectl 1.27 itself prints "annotate" (sic) where later versions print "annotated".
        assert.match(await kc.ok(['annotate', 'cm', 'marked', '-n', ns, 'note=hello world', 'owner=ops']), /^configmap\/marked annotated?\n$/);
        assert.equal(await jp('cm/marked', '{.metadata.annotations.note}'), 'hello world');
        assert.match(await kc.ok(['annotate', 'cm', 'marked', '-n', ns, 'note-']), /^configmap\/marked annotated?\n$/);
        assert.equal(await jp('cm/marked', '{.metadata.annotations}'), '{"owner":"ops"}');
      });

      it('scale changes a deployment\'s replicas, and a --current-replicas mismatch fails without changing them', async () => {
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(deployment('scaled', 1)));
        assert.equal(await kc.ok(['scale', 'deploy', 'scaled', '-n', ns, '--replicas=3']), 'deployment.apps/scaled scaled\n');
        assert.equal(await jp('deploy/scaled', '{.spec.replicas}'), '3');
        const mismatch = await kc.fails(['scale', 'deploy', 'scaled', '-n', ns, '--current-replicas=5', '--replicas=1']);
        assert.match(mismatch.stderr, /Expected replicas to be 5, was 3/);
        assert.equal(await jp('deploy/scaled', '{.spec.replicas}'), '3');
        assert.equal(await kc.ok(['scale', 'deploy/scaled', '-n', ns, '--current-replicas=3', '--replicas=0']), 'deployment.apps/scaled scaled\n');
        assert.equal(await jp('deploy/scaled', '{.spec.replicas}'), '0');
        assert.equal(await kc.ok(['get', '--raw', `/apis/apps/v1/namespaces/${ns}/deployments/scaled/scale`]).then((s) => (JSON.parse(s) as { kind: string; spec: { replicas?: number } }).kind), 'Scale');
      });
    });
  }
});
