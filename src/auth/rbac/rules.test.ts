import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactRules, compactString, covers, ruleAllows } from './rules.ts';
import type { RequestShape } from './rules.ts';

const res = (verb: string, apiGroup: string, resource: string, subresource = '', name = ''): RequestShape =>
  ({ verb, isResourceRequest: true, path: '', apiGroup, resource, subresource, name });
const url = (verb: string, path: string): RequestShape =>
  ({ verb, isResourceRequest: false, path, apiGroup: '', resource: '', subresource: '', name: '' });

test('verbs, groups and resources match exactly or by *', () => {
  const rule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };
  assert.equal(ruleAllows(res('get', '', 'pods'), rule), true);
  assert.equal(ruleAllows(res('delete', '', 'pods'), rule), false);
  assert.equal(ruleAllows(res('get', 'apps', 'pods'), rule), false);
  assert.equal(ruleAllows(res('get', '', 'services'), rule), false);
  const all = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
  assert.equal(ruleAllows(res('escalate', 'rbac.authorization.k8s.io', 'roles'), all), true);
  assert.equal(ruleAllows(res('get', '', 'pods', 'log'), all), true);
});

test('subresources need resource/subresource or */subresource', () => {
  assert.equal(ruleAllows(res('get', '', 'pods', 'log'), { verbs: ['get'], apiGroups: [''], resources: ['pods'] }), false);
  assert.equal(ruleAllows(res('get', '', 'pods', 'log'), { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }), true);
  assert.equal(ruleAllows(res('get', 'apps', 'deployments', 'scale'), { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }), true);
  assert.equal(ruleAllows(res('get', 'apps', 'deployments', 'status'), { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }), false);
});

test('resourceNames limit to the named objects', () => {
  const rule = { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] };
  assert.equal(ruleAllows(res('get', '', 'configmaps', '', 'a'), rule), true);
  assert.equal(ruleAllows(res('get', '', 'configmaps', '', 'b'), rule), false);
  assert.equal(ruleAllows(res('get', '', 'configmaps'), rule), false);
});

test('nonResourceURLs match exactly or by a trailing *', () => {
  const rule = { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*'] };
  assert.equal(ruleAllows(url('get', '/healthz'), rule), true);
  assert.equal(ruleAllows(url('get', '/healthz/etcd'), rule), false);
  assert.equal(ruleAllows(url('get', '/apis/apps/v1'), rule), true);
  assert.equal(ruleAllows(url('post', '/healthz'), rule), false);
  assert.equal(ruleAllows(res('get', '', 'pods'), rule), false);
});

test('coverage breaks servant rules down and reports what is missing', () => {
  const owner = [
    { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['create'], apiGroups: [''], resources: ['pods'] },
    { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] },
  ];
  assert.equal(covers(owner, [{ verbs: ['get', 'create'], apiGroups: [''], resources: ['pods'] }]).covered, true);
  assert.equal(covers(owner, [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments/scale'] }]).covered, true);
  const r = covers(owner, [{ verbs: ['get', 'delete', 'patch'], apiGroups: [''], resources: ['pods', 'secrets'] }]);
  assert.equal(r.covered, false);
  assert.deepEqual(compactRules(r.missing).map(compactString), [
    '{APIGroups:[""], Resources:["pods"], Verbs:["delete" "patch"]}',
    '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "delete" "patch"]}',
  ]);
});

test('a named grant does not cover an unnamed one, but an unnamed one covers names', () => {
  const named = [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }];
  assert.equal(covers(named, [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }]).covered, false);
  assert.equal(covers(named, [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }]).covered, true);
  assert.equal(covers([{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }], named).covered, true);
});

test('nonResourceURL coverage honours trailing wildcards', () => {
  const owner = [{ verbs: ['get'], nonResourceURLs: ['/logs/*'] }];
  assert.equal(covers(owner, [{ verbs: ['get'], nonResourceURLs: ['/logs/a'] }]).covered, true);
  const r = covers(owner, [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }]);
  assert.deepEqual(r.missing.map(compactString), ['{NonResourceURLs:["/metrics"], Verbs:["get"]}']);
});
