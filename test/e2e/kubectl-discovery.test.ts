// kubectl's discovery-driven commands against a real `cox server`: api-resources, api-versions,
// version, explain and get componentstatuses, at both ends of the supported kubectl range.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTLS, headers, kubectlFor, tableRows, useCluster } from './harness.ts';

/** Resources kubectl must list, with their upstream short names, group/version, scope and kind. */
const RESOURCES: [name: string, short: string, apiVersion: string, namespaced: boolean, kind: string][] = [
  ['bindings', '', 'v1', true, 'Binding'],
  ['componentstatuses', 'cs', 'v1', false, 'ComponentStatus'],
  ['configmaps', 'cm', 'v1', true, 'ConfigMap'],
  ['endpoints', 'ep', 'v1', true, 'Endpoints'],
  ['events', 'ev', 'v1', true, 'Event'],
  ['limitranges', 'limits', 'v1', true, 'LimitRange'],
  ['namespaces', 'ns', 'v1', false, 'Namespace'],
  ['nodes', 'no', 'v1', false, 'Node'],
  ['persistentvolumeclaims', 'pvc', 'v1', true, 'PersistentVolumeClaim'],
  ['persistentvolumes', 'pv', 'v1', false, 'PersistentVolume'],
  ['pods', 'po', 'v1', true, 'Pod'],
  ['podtemplates', '', 'v1', true, 'PodTemplate'],
  ['replicationcontrollers', 'rc', 'v1', true, 'ReplicationController'],
  ['resourcequotas', 'quota', 'v1', true, 'ResourceQuota'],
  ['secrets', '', 'v1', true, 'Secret'],
  ['serviceaccounts', 'sa', 'v1', true, 'ServiceAccount'],
  ['services', 'svc', 'v1', true, 'Service'],
  ['controllerrevisions', '', 'apps/v1', true, 'ControllerRevision'],
  ['daemonsets', 'ds', 'apps/v1', true, 'DaemonSet'],
  ['deployments', 'deploy', 'apps/v1', true, 'Deployment'],
  ['replicasets', 'rs', 'apps/v1', true, 'ReplicaSet'],
  ['statefulsets', 'sts', 'apps/v1', true, 'StatefulSet'],
  ['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', true, 'HorizontalPodAutoscaler'],
  ['cronjobs', 'cj', 'batch/v1', true, 'CronJob'],
  ['jobs', '', 'batch/v1', true, 'Job'],
  ['leases', '', 'coordination.k8s.io/v1', true, 'Lease'],
  ['endpointslices', '', 'discovery.k8s.io/v1', true, 'EndpointSlice'],
  ['events', 'ev', 'events.k8s.io/v1', true, 'Event'],
  ['ingressclasses', '', 'networking.k8s.io/v1', false, 'IngressClass'],
  ['ingresses', 'ing', 'networking.k8s.io/v1', true, 'Ingress'],
  ['networkpolicies', 'netpol', 'networking.k8s.io/v1', true, 'NetworkPolicy'],
  ['poddisruptionbudgets', 'pdb', 'policy/v1', true, 'PodDisruptionBudget'],
  ['priorityclasses', 'pc', 'scheduling.k8s.io/v1', false, 'PriorityClass'],
  ['flowschemas', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'FlowSchema'],
  ['prioritylevelconfigurations', '', 'flowcontrol.apiserver.k8s.io/v1', false, 'PriorityLevelConfiguration'],
  ['storageclasses', 'sc', 'storage.k8s.io/v1', false, 'StorageClass'],
  ['localsubjectaccessreviews', '', 'authorization.k8s.io/v1', true, 'LocalSubjectAccessReview'],
  ['selfsubjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectAccessReview'],
  ['selfsubjectrulesreviews', '', 'authorization.k8s.io/v1', false, 'SelfSubjectRulesReview'],
  ['subjectaccessreviews', '', 'authorization.k8s.io/v1', false, 'SubjectAccessReview'],
  ['clusterrolebindings', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRoleBinding'],
  ['clusterroles', '', 'rbac.authorization.k8s.io/v1', false, 'ClusterRole'],
  ['rolebindings', '', 'rbac.authorization.k8s.io/v1', true, 'RoleBinding'],
  ['roles', '', 'rbac.authorization.k8s.io/v1', true, 'Role'],
];

/** Group versions that must be served (the server may serve more as kinds land). */
const GROUP_VERSIONS = [
  'apps/v1', 'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1',
  'events.k8s.io/v1', 'networking.k8s.io/v1', 'policy/v1', 'rbac.authorization.k8s.io/v1', 'scheduling.k8s.io/v1', 'storage.k8s.io/v1', 'v1',
];

describe('kubectl discovery commands', () => {
  const cluster = useCluster();
  for (const k of KUBECTLS) {
    describe(`kubectl ${k.version}`, () => {
      const kc = kubectlFor(cluster, k);

      it('api-resources lists every served kind with its short names, group version, scope and kind', async () => {
        const out = await kc.ok(['api-resources']);
        assert.deepEqual(headers(out), ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
        const lines = out.split('\n').slice(1).filter((l) => l.trim() !== '');
        for (const [name, short, apiVersion, namespaced, kind] of RESOURCES) {
          const cells = short === '' ? [name, apiVersion, String(namespaced), kind] : [name, short, apiVersion, String(namespaced), kind];
          const row = lines.find((l) => l.trim().split(/\s+/).join(' ') === cells.join(' '));
          assert.ok(row, `api-resources has no row "${cells.join(' ')}":\n${out}`);
        }
      });

      it('api-resources -o wide shows verbs and categories, and --namespaced=false lists only cluster-scoped kinds', async () => {
        const wide = await kc.ok(['api-resources', '-o', 'wide']);
        assert.deepEqual(headers(wide), ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS', 'CATEGORIES']);
        const row = (name: string): string => wide.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
        assert.match(row('pods'), /\screate,delete,deletecollection,get,list,patch,update,watch\s+all$/);
        assert.match(row('componentstatuses'), /\sget,list\s*$/);
        assert.match(row('bindings'), /\screate\s*$/);
        // Upstream namespaces have no deletecollection.
        assert.match(row('namespaces'), /\screate,delete,get,list,patch,update,watch\s*$/);
        const qualified = ([name, , apiVersion]: (typeof RESOURCES)[number]): string => (apiVersion.includes('/') ? `${name}.${apiVersion.split('/')[0]}` : name);
        const names = (await kc.ok(['api-resources', '--namespaced=false', '-o', 'name'])).trim().split('\n');
        for (const r of RESOURCES) assert.equal(names.includes(qualified(r)), !r[3], `${qualified(r)} in --namespaced=false output: ${names.join(' ')}`);
        // Every kind listed as cluster-scoped says NAMESPACED false in the full table too.
        for (const n of names) {
          const [resource, ...group] = n.split('.');
          const line = wide.split('\n').find((l) => {
            const c = l.trim().split(/\s+/);
            const apiVersion = c.find((x) => x === 'v1' || x.includes('/')) ?? '';
            return c[0] === resource && (group.length === 0 ? apiVersion === 'v1' : apiVersion.startsWith(`${group.join('.')}/`));
          });
          assert.match(line ?? '', /\sfalse\s/, `${n} should be cluster-scoped in:\n${line ?? '(no row)'}`);
        }
      });

      it('api-versions lists every served group version, each also found in api-resources', async () => {
        const versions = (await kc.ok(['api-versions'])).trim().split('\n');
        for (const gv of GROUP_VERSIONS) assert.ok(versions.includes(gv), `${gv} missing from api-versions: ${versions.join(' ')}`);
        assert.deepEqual(versions, [...versions].sort());
        const table = await kc.ok(['api-resources']);
        const preferred = new Set(table.split('\n').slice(1).map((l) => l.trim().split(/\s+/).find((c) => c === 'v1' || c.includes('/'))).filter(Boolean));
        for (const gv of preferred) assert.ok(versions.includes(gv as string), `${String(gv)} is in api-resources but not api-versions`);
      });

      it('version shows the client and the server version', async () => {
        const r = await kc.run(['version']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /Client Version: .*v1\./);
        assert.match(r.stdout, /Server Version: .*v1\.\d+\.\d+/);
        const json = JSON.parse(await kc.ok(['version', '-o', 'json'])) as { serverVersion?: { major: string; minor: string; gitVersion: string; platform: string } };
        assert.equal(json.serverVersion?.major, '1');
        assert.match(json.serverVersion?.minor ?? '', /^\d+$/);
        assert.match(json.serverVersion?.gitVersion ?? '', /^v1\.\d+\.\d+/);
        assert.equal(json.serverVersion?.platform, 'linux/amd64');
      });

      it('explain pods.spec.containers shows the description and the fields', async () => {
        const out = await kc.ok(['explain', 'pods.spec.containers']);
        assert.match(out, /KIND:\s+Pod/);
        assert.match(out, /VERSION:\s+v1\n/);
        assert.match(out, /List of containers belonging to the pod\./);
        for (const field of ['args', 'command', 'env', 'image', 'imagePullPolicy', 'name', 'ports', 'resources']) {
          assert.match(out, new RegExp(`^\\s+${field}\\s+<`, 'm'), `field ${field} missing:\n${out}`);
        }
        assert.match(out, /^\s+name\s+<string> -required-/m);
      });

      it('explain --recursive deployment.spec walks nested fields', async () => {
        const out = await kc.ok(['explain', 'deployment.spec', '--recursive']);
        assert.match(out, /KIND:\s+Deployment/);
        // OpenAPI v2 explain prints `VERSION: apps/v1`; the v3 one (default from 1.27) `GROUP: apps` and `VERSION: v1`.
        assert.match(out, /VERSION:\s+apps\/v1|GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1/);
        assert.match(out, /^\s+replicas\s+<integer>/m);
        assert.match(out, /^\s+strategy\s+<DeploymentStrategy>/m);
        assert.match(out, /^\s+rollingUpdate\s+<RollingUpdateDeployment>/m);
        assert.match(out, /^\s+maxSurge\s+</m);
        assert.match(out, /^\s+containers\s+<\[\]Container> -required-/m);
      });

      it('get componentstatuses shows etcd-0 Healthy plus scheduler and controller-manager', async () => {
        const r = await kc.run(['get', 'cs']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(headers(r.stdout), ['NAME', 'STATUS', 'MESSAGE', 'ERROR']);
        const rows = tableRows(r.stdout).slice(1);
        const etcd = rows.find((row) => row[0] === 'etcd-0');
        assert.deepEqual(etcd?.slice(0, 3), ['etcd-0', 'Healthy', '{"health":"true"}'], r.stdout);
        assert.ok(rows.some((row) => row[0] === 'scheduler'), r.stdout);
        assert.ok(rows.some((row) => row[0] === 'controller-manager'), r.stdout);
      });

      it('get componentstatuses warns that v1 ComponentStatus is deprecated, as upstream does', async () => {
        const r = await kc.run(['get', 'componentstatuses']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stderr, /Warning: v1 ComponentStatus is deprecated in v1\.19\+/);
      });
    });
  }
});
