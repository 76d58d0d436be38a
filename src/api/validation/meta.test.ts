import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorMessage } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names.ts';

const msgs = (errs: Parameters<typeof fieldErrorMessage>[0][]): string[] => errs.map(fieldErrorMessage);

test('name checks use upstream messages', () => {
  assert.deepEqual(isDNS1123Subdomain('example.com'), []);
  assert.deepEqual(isDNS1123Subdomain('Bad_Name'), ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('x'.repeat(64)), ['must be no more than 63 characters']);
  assert.equal(isDNS1035Label('1abc').length, 1);
  assert.deepEqual(isQualifiedName('example.com/my-key'), []);
  assert.deepEqual(isQualifiedName('/a'), ['prefix part must be non-empty']);
  assert.deepEqual(isQualifiedName('a/b/c'), ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]);
  assert.deepEqual(isValidLabelValue(''), []);
  assert.equal(isValidLabelValue('-bad').length, 1);
});

test('validateObjectMeta checks name, namespace, labels, owners and finalizers', () => {
  assert.deepEqual(validateObjectMeta({ name: 'ok', namespace: 'default', labels: { app: 'web' } }, { namespaced: true }), []);
  assert.deepEqual(msgs(validateObjectMeta({}, { namespaced: true })), ['metadata.name: Required value: name or generateName is required', 'metadata.namespace: Required value']);
  assert.deepEqual(msgs(validateObjectMeta({ name: 'n', namespace: 'x' }, { namespaced: false })), ['metadata.namespace: Forbidden: not allowed on this type']);
  assert.deepEqual(validateObjectMeta({ name: 'web-abcde', generateName: 'web-' }, { namespaced: false }), []);
  assert.deepEqual(msgs(validateObjectMeta({ name: 'a.b' }, { namespaced: false, nameRule: 'label' })), ['metadata.name: Invalid value: "a.b": must not contain dots']);
  assert.deepEqual(msgs(validateObjectMeta({ name: 'a/b' }, { namespaced: false, nameRule: 'path' })), ['metadata.name: Invalid value: "a/b": may not contain \'/\'']);
  const bad = validateObjectMeta({ name: 'n', labels: { app: 'has space' } }, { namespaced: false });
  assert.equal(bad[0]?.field, 'metadata.labels');
  assert.match(fieldErrorMessage(bad[0]!), /^metadata\.labels: Invalid value: "has space": a valid label must be an empty string/);
  const owners = validateObjectMeta({
    name: 'n', ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '', controller: true },
    ],
  }, { namespaced: false });
  assert.deepEqual(owners.map((e) => e.detail), ['uid must not be empty', 'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b']);
  assert.equal(validateObjectMeta({ name: 'n', annotations: { big: 'x'.repeat(256 * 1024) } }, { namespaced: false })[0]?.type, 'FieldValueTooLong');
  assert.equal(validateObjectMeta({ name: 'n', finalizers: ['bad finalizer'] }, { namespaced: false }).length, 1);
});

test('validateObjectMetaUpdate keeps identity fields immutable', () => {
  const old = { name: 'a', namespace: 'ns', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z', resourceVersion: '5' };
  assert.deepEqual(validateObjectMetaUpdate({ ...old, labels: { x: 'y' } }, old), []);
  assert.deepEqual(msgs(validateObjectMetaUpdate({ ...old, uid: 'u2' }, old)), ['metadata.uid: Invalid value: "u2": field is immutable']);
  assert.deepEqual(msgs(validateObjectMetaUpdate({ ...old, name: 'b' }, old)), ['metadata.name: Invalid value: "b": field is immutable']);
  const deleting = { ...old, deletionTimestamp: '2024-01-02T00:00:00Z', finalizers: ['a.io/x'] };
  assert.equal(validateObjectMetaUpdate({ ...deleting, finalizers: ['a.io/x', 'a.io/y'] }, deleting)[0]?.type, 'FieldValueForbidden');
  assert.equal(validateObjectMetaUpdate({ ...old, resourceVersion: '' }, old, { requireResourceVersion: true })[0]?.detail, 'must be specified for an update');
});
