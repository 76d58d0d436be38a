// kubectl's server dry run, field validation modes and error messages against a real `cox server`,
// at both ends of the supported kubectl range.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTLS, kubectlFor, nsFor, useCluster, API_ONLY } from './harness.ts';
import { configMap, deployment, namespace, pod, yaml } from './manifests.ts';

const RFC1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** A Deployment manifest with an extra field the schema does not know. */
function withUnknownField(name: string): object {
  const d = deployment(name, 1) as { spec: Record<string, unknown> };
  d.spec.foo = 'bar';
  return d;
}

describe('kubectl dry run, validation and errors', () => {
  const cluster = useCluster(API_ONLY);
  for (const k of KUBECTLS) {
    describe(`kubectl ${k.version}`, () => {
      const kc = kubectlFor(cluster, k);
      const ns = nsFor('errors', k.version);
      const notFound = async (what: string): Promise<void> => {
        const r = await kc.fails(['get', what, '-n', ns]);
        assert.match(r.stderr, /Error from server \(NotFound\): .* not found/);
      };

      before(async () => { await kc.ok(['create', '-f', '-'], yaml(namespace(ns))); });

      it('--dry-run=server answers as if created, patched or deleted but stores nothing', async () => {
        assert.equal(await kc.ok(['create', '-n', ns, '--dry-run=server', '-f', '-'], yaml(configMap('dry'))), 'configmap/dry created (server dry run)\n');
        await notFound('cm/dry');
        const applied = await kc.ok(['apply', '--server-side', '-n', ns, '--dry-run=server', '-f', '-'], yaml(configMap('dry')));
        assert.equal(applied, 'configmap/dry serverside-applied (server dry run)\n');
        await notFound('cm/dry');
        const out = await kc.ok(['create', '-n', ns, '--dry-run=server', '-o', 'jsonpath={.metadata.uid} {.metadata.creationTimestamp}', '-f', '-'], yaml(configMap('dry')));
        assert.match(out, /^[0-9a-f-]{36} \d{4}-/, 'a dry-run create returns the object as it would be stored');

        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(configMap('kept', { v: 'old' })));
        // kubectl patch (both versions) prints no dry-run suffix; the stored object tells.
        assert.equal(await kc.ok(['patch', 'cm', 'kept', '-n', ns, '--dry-run=server', '--type', 'merge', '-p', '{"data":{"v":"new"}}', '-o', 'jsonpath={.data.v}']), 'new');
        assert.equal(await kc.ok(['get', 'cm', 'kept', '-n', ns, '-o', 'jsonpath={.data.v}']), 'old');
        assert.equal(await kc.ok(['delete', 'cm', 'kept', '-n', ns, '--dry-run=server']), 'configmap "kept" deleted (server dry run)\n');
        assert.equal(await kc.ok(['get', 'cm', 'kept', '-n', ns, '-o', 'name']), 'configmap/kept\n');
      });

      it('diff shows the change a server-side dry run would make, and nothing for an unchanged object', async () => {
        await kc.ok(['apply', '-n', ns, '-f', '-'], yaml(configMap('diffed', { v: 'old' })));
        const changed = await kc.run(['diff', '-n', ns, '-f', '-'], yaml(configMap('diffed', { v: 'new' })));
        assert.equal(changed.code, 1, `diff exits 1 when there are differences: ${changed.stderr}`);
        assert.match(changed.stdout, /^-\s+v: old$/m);
        assert.match(changed.stdout, /^\+\s+v: new$/m);
        assert.equal(await kc.ok(['get', 'cm', 'diffed', '-n', ns, '-o', 'jsonpath={.data.v}']), 'old');
        const same = await kc.run(['diff', '-n', ns, '-f', '-'], yaml(configMap('diffed', { v: 'old' })));
        assert.equal(same.code, 0, same.stdout + same.stderr);
        assert.equal(same.stdout, '');
      });

      it('--validate=strict (the default) rejects an unknown field naming it', async () => {
        for (const flags of [['--validate=strict'], []]) {
          const r = await kc.fails(['create', '-n', ns, ...flags, '-f', '-'], yaml(withUnknownField('strict')));
          assert.match(r.stderr, /Error from server \(BadRequest\): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.foo"/);
          await notFound('deploy/strict');
        }
      });

      it('--validate=warn creates the object and warns about the unknown field; --validate=false drops it silently', async () => {
        const warn = await kc.run(['create', '-n', ns, '--validate=warn', '-f', '-'], yaml(withUnknownField('warned')));
        assert.equal(warn.code, 0, warn.stderr);
        assert.equal(warn.stdout, 'deployment.apps/warned created\n');
        assert.match(warn.stderr, /Warning: unknown field "spec\.foo"/);

        const ignore = await kc.run(['create', '-n', ns, '--validate=false', '-f', '-'], yaml(withUnknownField('ignored')));
        assert.equal(ignore.code, 0, ignore.stderr);
        assert.equal(ignore.stdout, 'deployment.apps/ignored created\n');
        assert.doesNotMatch(ignore.stderr, /unknown field/);
        const stored = JSON.parse(await kc.ok(['get', 'deploy', 'ignored', '-n', ns, '-o', 'json'])) as { spec: Record<string, unknown> };
        assert.equal(stored.spec.foo, undefined);
      });

      it('getting a missing object prints NotFound', async () => {
        const pods = await kc.fails(['get', 'pod', 'missing', '-n', ns]);
        assert.equal(pods.stderr.trim(), 'Error from server (NotFound): pods "missing" not found');
        const deploys = await kc.fails(['get', 'deployment', 'missing', '-n', ns]);
        assert.equal(deploys.stderr.trim(), 'Error from server (NotFound): deployments.apps "missing" not found');
        const nodes = await kc.fails(['get', 'node', 'missing']);
        assert.equal(nodes.stderr.trim(), 'Error from server (NotFound): nodes "missing" not found');
      });

      it('creating in a missing namespace prints NotFound for the namespace', async () => {
        const r = await kc.fails(['create', '-n', 'no-such-namespace', '-f', '-'], yaml(configMap('orphan')));
        assert.match(r.stderr, /Error from server \(NotFound\): error when creating "STDIN": namespaces "no-such-namespace" not found/);
      });

      it('creating a duplicate prints AlreadyExists', async () => {
        await kc.ok(['create', '-n', ns, '-f', '-'], yaml(configMap('dup')));
        const r = await kc.fails(['create', '-n', ns, '-f', '-'], yaml(configMap('dup')));
        assert.match(r.stderr, /Error from server \(AlreadyExists\): error when creating "STDIN": configmaps "dup" already exists/);
      });

      it('an invalid name prints an Invalid error naming the field and the rule', async () => {
        const r = await kc.fails(['create', '-n', ns, '-f', '-'], yaml(configMap('Bad_Name')));
        assert.equal(r.stderr.trim(), `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${RFC1123_SUBDOMAIN}`);
      });

      it('an invalid pod lists every field error', async () => {
        const p = pod('imageless') as { spec: { containers: Record<string, unknown>[] } };
        delete p.spec.containers[0]?.image;
        p.spec.containers.push({ name: 'app', image: 'busybox' });
        const r = await kc.fails(['create', '-n', ns, '-f', '-'], yaml(p));
        assert.match(r.stderr, /^The Pod "imageless" is invalid: $/m);
        assert.match(r.stderr, /^\* spec\.containers\[0\]\.image: Required value$/m);
        assert.match(r.stderr, /^\* spec\.containers\[1\]\.name: Duplicate value: "app"$/m);
      });
    });
  }
});
