// kubectl create -f, get (tables, output formats, selectors, paging) and describe against a real
// `cox server`, at both ends of the supported kubectl range.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { KUBECTLS, headers, kubectlFor, nsFor, parseTable, useCluster, API_ONLY } from './harness.ts';
import { configMap, deployment, namespace, node, pod, service, yaml } from './manifests.ts';

describe('kubectl create and get', () => {
  const cluster = useCluster(API_ONLY);
  for (const k of KUBECTLS) {
    describe(`kubectl ${k.version}`, () => {
      const kc = kubectlFor(cluster, k);
      const ns = nsFor('get', k.version);
      const sel = nsFor('select', k.version);
      const nodeName = `node-${k.version.replace('.', '')}`;

      // Namespaces come from manifests so that the scenarios below do not hinge on `create namespace`, tested on its own.
      before(async () => { await kc.ok(['create', '-f', '-'], yaml(namespace(ns), namespace(sel))); });

      it('create namespace, create configmap and create deployment (typed generators) create the objects', async () => {
        const own = nsFor('imperative', k.version);
        assert.equal(await kc.ok(['create', 'namespace', own]), `namespace/${own} created\n`);
        assert.equal(await kc.ok(['create', 'configmap', 'lit', '-n', own, '--from-literal=a=1', '--from-literal=b=2']), 'configmap/lit created\n');
        assert.equal(await kc.ok(['create', 'deployment', 'gen', '-n', own, '--image=nginx:1.25', '--replicas=3']), 'deployment.apps/gen created\n');
        assert.equal(await kc.ok(['get', 'cm', 'lit', '-n', own, '-o', 'jsonpath={.data.a}{.data.b}']), '12');
        assert.equal(await kc.ok(['get', 'deploy', 'gen', '-n', own, '-o', 'jsonpath={.spec.replicas}']), '3');
      });

      it('create -f creates a Deployment, a Service, a ConfigMap and a Pod', async () => {
        const out = await kc.ok(['create', '-n', ns, '-f', '-'], yaml(deployment('web', 2), service('web', { app: 'web' }), configMap('settings', { a: '1', b: '2' }), pod('solo', { app: 'solo' })));
        assert.deepEqual(out.trim().split('\n'), ['deployment.apps/web created', 'service/web created', 'configmap/settings created', 'pod/solo created']);
        assert.equal(await kc.ok(['get', '-n', ns, 'deployment/web', 'service/web', 'cm/settings', 'po/solo', '-o', 'name']),
          'deployment.apps/web\nservice/web\nconfigmap/settings\npod/solo\n');
      });

      it('get prints upstream table columns for pods, deployments, services, configmaps and namespaces', async () => {
        const pods = await kc.ok(['get', 'pods', '-n', ns]);
        assert.deepEqual(headers(pods), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
        const p = parseTable(pods).find((r) => r.NAME === 'solo');
        assert.deepEqual([p?.READY, p?.STATUS, p?.RESTARTS], ['0/1', 'Pending', '0'], pods);
        assert.match(p?.AGE ?? '', /^\d+s$/);

        const deploys = await kc.ok(['get', 'deployments', '-n', ns]);
        assert.deepEqual(headers(deploys), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
        const d = parseTable(deploys)[0];
        assert.deepEqual([d?.NAME, d?.READY], ['web', '0/2'], deploys);

        const svcs = await kc.ok(['get', 'svc', '-n', ns]);
        assert.deepEqual(headers(svcs), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
        const s = parseTable(svcs).find((r) => r.NAME === 'web');
        assert.equal(s?.TYPE, 'ClusterIP', svcs);
        assert.match(s?.['CLUSTER-IP'] ?? '', /^\d+\.\d+\.\d+\.\d+$/);
        assert.equal(s?.['EXTERNAL-IP'], '<none>');
        assert.equal(s?.['PORT(S)'], '80/TCP');

        const cms = await kc.ok(['get', 'configmaps', '-n', ns]);
        assert.deepEqual(headers(cms), ['NAME', 'DATA', 'AGE']);
        assert.equal(parseTable(cms).find((r) => r.NAME === 'settings')?.DATA, '2', cms);

        const nss = await kc.ok(['get', 'namespaces', ns]);
        assert.deepEqual(headers(nss), ['NAME', 'STATUS', 'AGE']);
        assert.equal(parseTable(nss)[0]?.STATUS, 'Active');
      });

      it('get nodes prints NAME STATUS ROLES AGE VERSION, and -o wide adds the node columns', async () => {
        await kc.ok(['create', '-f', '-'], yaml(node(nodeName, { 'node-role.kubernetes.io/control-plane': '' })));
        const out = await kc.ok(['get', 'nodes', nodeName]);
        assert.deepEqual(headers(out), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
        const n = parseTable(out)[0];
        assert.deepEqual([n?.NAME, n?.STATUS, n?.ROLES], [nodeName, 'Unknown', 'control-plane'], out);
        const wide = await kc.ok(['get', 'no', nodeName, '-o', 'wide']);
        assert.deepEqual(headers(wide), ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
        assert.equal(parseTable(wide)[0]?.['INTERNAL-IP'], '<none>');
      });

      it('get -o wide adds the extra columns for pods, deployments and services', async () => {
        const pods = await kc.ok(['get', 'pods', 'solo', '-n', ns, '-o', 'wide']);
        assert.deepEqual(headers(pods), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
        const p = parseTable(pods)[0];
        assert.deepEqual([p?.IP, p?.NODE, p?.['NOMINATED NODE'], p?.['READINESS GATES']], ['<none>', '<none>', '<none>', '<none>'], pods);

        const deploys = await kc.ok(['get', 'deploy', 'web', '-n', ns, '-o', 'wide']);
        assert.deepEqual(headers(deploys), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
        const d = parseTable(deploys)[0];
        assert.deepEqual([d?.CONTAINERS, d?.IMAGES, d?.SELECTOR], ['app,sidecar', 'nginx:1.25,busybox:1.36', 'app=web'], deploys);

        const svcs = await kc.ok(['get', 'svc', 'web', '-n', ns, '-o', 'wide']);
        assert.deepEqual(headers(svcs), ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
        assert.equal(parseTable(svcs)[0]?.SELECTOR, 'app=web');
      });

      it('get -o yaml and -o json return the stored object with server-set fields and defaults', async () => {
        const y = YAML.parse(await kc.ok(['get', 'pod', 'solo', '-n', ns, '-o', 'yaml'])) as Pod;
        assert.equal(y.apiVersion, 'v1');
        assert.equal(y.kind, 'Pod');
        assert.equal(y.metadata.namespace, ns);
        assert.match(y.metadata.uid, /^[0-9a-f-]{36}$/);
        assert.match(y.metadata.resourceVersion, /^\d+$/);
        assert.match(y.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.equal(y.status.phase, 'Pending');
        assert.equal(y.spec.containers[0]?.imagePullPolicy, 'IfNotPresent');
        assert.equal(y.spec.containers[0]?.terminationMessagePath, '/dev/termination-log');
        assert.equal(y.spec.restartPolicy, 'Always');

        const j = JSON.parse(await kc.ok(['get', 'deployments', '-n', ns, '-o', 'json'])) as { kind: string; items: { kind: string; metadata: { name: string }; spec: { replicas: number; strategy: { type: string } } }[] };
        assert.equal(j.kind, 'List');
        assert.equal(j.items.length, 1);
        assert.equal(j.items[0]?.kind, 'Deployment');
        assert.equal(j.items[0]?.spec.replicas, 2);
        assert.equal(j.items[0]?.spec.strategy.type, 'RollingUpdate');
      });

      it('get -o jsonpath and -o custom-columns extract fields', async () => {
        assert.equal(await kc.ok(['get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[*].name}']), '2 app sidecar');
        assert.equal(await kc.ok(['get', 'pods,cm', '-n', ns, '-o', 'jsonpath={range .items[*]}{.kind}/{.metadata.name}{"\\n"}{end}']), 'Pod/solo\nConfigMap/settings\n');
        const cc = await kc.ok(['get', 'pods', '-n', ns, '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,PHASE:.status.phase']);
        assert.deepEqual(parseTable(cc), [{ NAME: 'solo', IMAGE: 'nginx:1.25', PHASE: 'Pending' }]);
      });

      it('get --show-labels adds a LABELS column', async () => {
        const out = await kc.ok(['get', 'pods', '-n', ns, '--show-labels']);
        assert.deepEqual(headers(out), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'LABELS']);
        assert.equal(parseTable(out)[0]?.LABELS, 'app=solo');
      });

      it('get -l filters by equality, set-based (in, notin) and existence (!key) selectors', async () => {
        await kc.ok(['create', '-n', sel, '-f', '-'], yaml(
          pod('a', { env: 'prod', tier: 'web' }), pod('b', { env: 'staging' }), pod('c', { tier: 'web' }), pod('d', { env: 'dev' }),
        ));
        const names = async (...args: string[]): Promise<string[]> => (await kc.ok(['get', 'pods', '-n', sel, '-o', 'name', ...args])).trim().split('\n').filter(Boolean).sort();
        assert.deepEqual(await names('-l', 'env=prod'), ['pod/a']);
        assert.deepEqual(await names('-l', 'env!=prod'), ['pod/b', 'pod/c', 'pod/d']);
        assert.deepEqual(await names('-l', 'env in (prod,staging)'), ['pod/a', 'pod/b']);
        assert.deepEqual(await names('-l', 'env notin (prod,staging)'), ['pod/c', 'pod/d']);
        assert.deepEqual(await names('-l', '!env'), ['pod/c']);
        assert.deepEqual(await names('-l', 'env'), ['pod/a', 'pod/b', 'pod/d']);
        assert.deepEqual(await names('-l', 'tier=web,env'), ['pod/a']);
        const none = await kc.run(['get', 'pods', '-n', sel, '-l', 'env=qa']);
        assert.equal(none.code, 0);
        assert.equal(none.stdout, '');
        assert.match(none.stderr, new RegExp(`No resources found in ${sel} namespace\\.`));
      });

      it('get --field-selector filters pods by metadata.name and status.phase', async () => {
        const names = async (...args: string[]): Promise<string[]> => (await kc.ok(['get', 'pods', '-n', sel, '-o', 'name', ...args])).trim().split('\n').filter(Boolean).sort();
        assert.deepEqual(await names('--field-selector', 'metadata.name=b'), ['pod/b']);
        assert.deepEqual(await names('--field-selector', 'metadata.name!=b'), ['pod/a', 'pod/c', 'pod/d']);
        assert.deepEqual(await names('--field-selector', 'status.phase=Pending'), ['pod/a', 'pod/b', 'pod/c', 'pod/d']);
        assert.deepEqual(await names('--field-selector', 'status.phase=Running'), []);
        assert.deepEqual(await names('--field-selector', 'status.phase=Pending,metadata.name=d'), ['pod/d']);
        assert.deepEqual(await names('-l', 'env=prod', '--field-selector', 'metadata.name=a'), ['pod/a']);
        // What a kubelet asks for: pods bound to no node yet.
        assert.deepEqual(await names('--field-selector', 'spec.nodeName='), ['pod/a', 'pod/b', 'pod/c', 'pod/d']);
        assert.deepEqual(await names('--field-selector', 'spec.nodeName=elsewhere'), []);
        const bad = await kc.fails(['get', 'pods', '-n', sel, '--field-selector', 'spec.foo=bar']);
        assert.match(bad.stderr, /Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "", field selector "spec\.foo=bar": field label not supported: spec\.foo/);
      });

      it('get -A and --all-namespaces add a NAMESPACE column', async () => {
        for (const flag of ['-A', '--all-namespaces']) {
          const out = await kc.ok(['get', 'pods', flag]);
          assert.deepEqual(headers(out), ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
          const rows = parseTable(out);
          assert.ok(rows.some((r) => r.NAMESPACE === ns && r.NAME === 'solo'), out);
          assert.ok(rows.some((r) => r.NAMESPACE === sel && r.NAME === 'c'), out);
        }
        const svcs = parseTable(await kc.ok(['get', 'svc', '-A']));
        assert.ok(svcs.some((r) => r.NAMESPACE === 'default' && r.NAME === 'kubernetes'));
      });

      it('get all lists the kinds in the "all" category with kind-qualified names', async () => {
        const out = await kc.ok(['get', 'all', '-n', ns, '-o', 'name']);
        const names = out.trim().split('\n');
        for (const expected of ['pod/solo', 'service/web', 'deployment.apps/web']) assert.ok(names.includes(expected), `missing ${expected}:\n${out}`);
        assert.ok(!names.includes('configmap/settings'), 'configmaps are not in the "all" category');
        const tables = await kc.ok(['get', 'all', '-n', ns]);
        assert.match(tables, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/solo\s/m);
        assert.match(tables, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/web\s/m);
      });

      it('get --chunk-size=2 pages through 7 configmaps and returns all of them', async () => {
        const chunk = nsFor('chunk', k.version);
        await kc.ok(['create', '-f', '-'], yaml(namespace(chunk)));
        await kc.ok(['create', '-n', chunk, '-f', '-'], yaml(...Array.from({ length: 7 }, (_, i) => configMap(`cm-${i}`))));
        const r = await kc.run(['get', 'configmaps', '-n', chunk, '--chunk-size=2', '-v=6']);
        assert.equal(r.code, 0, r.stderr);
        const names = parseTable(r.stdout).map((row) => row.NAME).filter((n) => n?.startsWith('cm-'));
        assert.deepEqual(names, ['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'cm-5', 'cm-6']);
        // 1.27 logs `GET https://…?limit=2 200 OK`, 1.33 `"Response" verb="GET" url="https://…?limit=2"`.
        const requests = r.stderr.split('\n').filter((l) => /GET.*https:\/\/\S+\/configmaps\?\S*limit=2/.test(l));
        assert.ok(requests.length >= 4, `expected at least 4 paged requests:\n${r.stderr}`);
        assert.ok(requests.slice(1).every((l) => /continue=/.test(l)), r.stderr);
        const json = JSON.parse(await kc.ok(['get', 'cm', '-n', chunk, '--chunk-size=2', '-o', 'json'])) as { items: { metadata: { name: string } }[] };
        assert.equal(json.items.filter((i) => i.metadata.name.startsWith('cm-')).length, 7);
      });

      it('describe deployment shows replicas, strategy, pod template and events', async () => {
        const out = await kc.ok(['describe', 'deployment', 'web', '-n', ns]);
        assert.match(out, /^Name:\s+web$/m);
        assert.match(out, new RegExp(`^Namespace:\\s+${ns}$`, 'm'));
        assert.match(out, /^CreationTimestamp:\s+\w{3}, \d\d \w{3} \d{4}/m);
        assert.match(out, /^Labels:\s+app=web$/m);
        assert.match(out, /^Selector:\s+app=web$/m);
        assert.match(out, /^Replicas:\s+2 desired \| \d+ updated \| \d+ total \| \d+ available \| \d+ unavailable$/m);
        assert.match(out, /^StrategyType:\s+RollingUpdate$/m);
        assert.match(out, /^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
        assert.match(out, /^Pod Template:$/m);
        assert.match(out, /^\s+Image:\s+nginx:1\.25$/m);
        assert.match(out, /^\s+Port:\s+80\/TCP$/m);
        assert.match(out, /^Events:\s+<none>$/m);
      });

      it('describe pod shows status, containers, QoS class and events', async () => {
        const out = await kc.ok(['describe', 'pod', 'solo', '-n', ns]);
        assert.match(out, /^Name:\s+solo$/m);
        assert.match(out, new RegExp(`^Namespace:\\s+${ns}$`, 'm'));
        assert.match(out, /^Node:\s+<none>$/m);
        assert.match(out, /^Labels:\s+app=solo$/m);
        assert.match(out, /^Status:\s+Pending$/m);
        assert.match(out, /^Containers:\n\s+app:\n/m);
        assert.match(out, /^\s+Image:\s+nginx:1\.25$/m);
        assert.match(out, /^QoS Class:\s+BestEffort$/m);
        assert.match(out, /^Events:\s+<none>$/m);
      });

      it('describe pod lists the events recorded about it', async () => {
        const uid = await kc.ok(['get', 'pod', 'solo', '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const event = (name: string, involved: string, objUid: string, reason: string, message: string): object => ({
          apiVersion: 'v1', kind: 'Event', metadata: { name },
          involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: ns, name: involved, uid: objUid },
          reason, message, type: 'Warning', source: { component: 'e2e-scheduler' }, firstTimestamp: now, lastTimestamp: now, count: 1,
        });
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(
          event('solo.1', 'solo', uid, 'FailedScheduling', 'no nodes available to schedule pods'),
          event('other.1', 'other', '00000000-0000-0000-0000-000000000000', 'Unrelated', 'about another pod'),
        ));
        const out = await kc.ok(['describe', 'pod', 'solo', '-n', ns]);
        assert.match(out, /^Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/m);
        assert.match(out, /^\s+Warning\s+FailedScheduling\s+\S+\s+e2e-scheduler\s+no nodes available to schedule pods$/m);
        assert.doesNotMatch(out, /Unrelated/);
        const listed = await kc.ok(['get', 'events', '-n', ns, '--field-selector', 'involvedObject.name=solo,involvedObject.kind=Pod', '-o', 'name']);
        assert.equal(listed, 'event/solo.1\n');
      });
    });
  }
});

interface Pod {
  apiVersion: string; kind: string;
  metadata: { namespace: string; uid: string; resourceVersion: string; creationTimestamp: string };
  spec: { restartPolicy: string; containers: { imagePullPolicy?: string; terminationMessagePath?: string }[] };
  status: { phase: string };
}
