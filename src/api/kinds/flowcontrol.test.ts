import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../types.ts';
import { flowSchemas, priorityLevelConfigurations } from './flowcontrol.ts';

const fs = (spec: Record<string, unknown>, status?: unknown): KubeObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name: 'fs', creationTimestamp: new Date(0).toISOString() }, spec,
  ...(status ? { status } : {}),
});
const pl = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name, creationTimestamp: new Date(0).toISOString() }, spec,
});
const fields = (errs: { field: string }[]): string[] => errs.map((e) => e.field);

const goodRule = {
  subjects: [{ kind: 'User', user: { name: 'alice' } }],
  resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], namespaces: ['*'] }],
};

test('v1 defaults: matchingPrecedence 1000; Limited shares 30, lendablePercent 0, queuing 64/8/50', () => {
  const f = fs({ priorityLevelConfiguration: { name: 'x' }, rules: [goodRule] });
  flowSchemas.defaults?.(f);
  assert.equal((f['spec'] as { matchingPrecedence: number }).matchingPrecedence, 1000);
  const p = pl('x', { type: 'Limited', limited: { limitResponse: { type: 'Queue' } } });
  priorityLevelConfigurations.defaults?.(p);
  assert.deepEqual(p['spec'], {
    type: 'Limited',
    limited: { nominalConcurrencyShares: 30, lendablePercent: 0, limitResponse: { type: 'Queue', queuing: { queues: 64, handSize: 8, queueLengthLimit: 50 } } },
  });
  const r = pl('y', { type: 'Limited', limited: { nominalConcurrencyShares: 0, limitResponse: { type: 'Reject' } } });
  priorityLevelConfigurations.defaults?.(r);
  assert.deepEqual(r['spec'], { type: 'Limited', limited: { nominalConcurrencyShares: 0, lendablePercent: 0, limitResponse: { type: 'Reject' } } });
});

test('FlowSchema validation: precedence range, distinguisher, subjects and rules', () => {
  assert.deepEqual(flowSchemas.validate?.(fs({ priorityLevelConfiguration: { name: 'x' }, matchingPrecedence: 500, distinguisherMethod: { type: 'ByUser' }, rules: [goodRule] })), []);
  const errs = flowSchemas.validate?.(fs({
    priorityLevelConfiguration: { name: '' }, matchingPrecedence: 10001, distinguisherMethod: { type: 'ByColor' },
    rules: [
      { subjects: [{ kind: 'Robot' }, { kind: 'ServiceAccount', serviceAccount: { name: 'a' } }, { kind: 'Group', user: { name: 'x' }, group: { name: 'g' } }], resourceRules: [{ verbs: ['*', 'get'], apiGroups: [], resources: ['pods'] }] },
      { subjects: [], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['healthz'] }] },
      { subjects: [{ kind: 'User', user: { name: 'u' } }] },
    ],
  })) ?? [];
  assert.deepEqual(fields(errs), [
    'spec.matchingPrecedence', 'spec.distinguisherMethod.type', 'spec.priorityLevelConfiguration.name',
    'spec.rules[0].subjects[0].kind', 'spec.rules[0].subjects[1].serviceAccount.namespace', 'spec.rules[0].subjects[2].user',
    'spec.rules[0].resourceRules[0].verbs', 'spec.rules[0].resourceRules[0].apiGroups', 'spec.rules[0].resourceRules[0].namespaces',
    'spec.rules[1].subjects', 'spec.rules[1].nonResourceRules[0].nonResourceURLs[0]',
    'spec.rules[2]',
  ]);
  assert.equal(errs[0]?.detail, 'must be between 1 and 10000 inclusively');
});

test('PriorityLevelConfiguration validation: type, handSize ≤ queues, the entropy limit, percentages', () => {
  const limited = (queuing: Record<string, number>, extra: Record<string, unknown> = {}) =>
    pl('p', { type: 'Limited', limited: { nominalConcurrencyShares: 1, lendablePercent: 0, ...extra, limitResponse: { type: 'Queue', queuing } } });
  assert.deepEqual(priorityLevelConfigurations.validate?.(limited({ queues: 64, handSize: 8, queueLengthLimit: 50 })), []);
  const handTooBig = priorityLevelConfigurations.validate?.(limited({ queues: 4, handSize: 5, queueLengthLimit: 1 })) ?? [];
  assert.deepEqual(fields(handTooBig), ['spec.limited.limitResponse.queuing.handSize']);
  assert.equal(handTooBig[0]?.detail, 'should not be greater than queues (4)');
  const entropy = priorityLevelConfigurations.validate?.(limited({ queues: 1000, handSize: 7, queueLengthLimit: 1 })) ?? [];
  assert.deepEqual(fields(entropy), ['spec.limited.limitResponse.queuing']);
  assert.match(entropy[0]?.detail ?? '', /required entropy bits of deckSize 1000 and handSize 7 should not be greater than 60/);
  assert.deepEqual(fields(priorityLevelConfigurations.validate?.(limited({ queues: 0, handSize: 0, queueLengthLimit: 0 }, { lendablePercent: 101, nominalConcurrencyShares: -1 })) ?? []), [
    'spec.limited.nominalConcurrencyShares', 'spec.limited.lendablePercent',
    'spec.limited.limitResponse.queuing.queueLengthLimit', 'spec.limited.limitResponse.queuing.queues', 'spec.limited.limitResponse.queuing.handSize',
  ]);
  assert.deepEqual(fields(priorityLevelConfigurations.validate?.(pl('p', { type: 'Sometimes' })) ?? []), ['spec.type']);
  assert.deepEqual(fields(priorityLevelConfigurations.validate?.(pl('p', { type: 'Exempt' })) ?? []), ['spec.type']);
  assert.deepEqual(priorityLevelConfigurations.validate?.(pl('exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } })), []);
  assert.deepEqual(fields(priorityLevelConfigurations.validate?.(pl('p', { type: 'Limited', limited: { limitResponse: { type: 'Reject', queuing: { queues: 1 } } } })) ?? []),
    ['spec.limited.limitResponse.queuing']);
  assert.deepEqual(fields(priorityLevelConfigurations.validate?.(pl('p', { type: 'Limited' })) ?? []), ['spec.limited']);
});

test('printer rows: flowschemas and prioritylevelconfigurations as kubectl get shows them', () => {
  const now = 60_000;
  assert.deepEqual(flowSchemas.columns.map((c) => c.name), ['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']);
  assert.deepEqual(flowSchemas.row(fs({ priorityLevelConfiguration: { name: 'workload-low' }, matchingPrecedence: 9000, distinguisherMethod: { type: 'ByUser' } },
    { conditions: [{ type: 'Dangling', status: 'False' }] }), now), ['fs', 'workload-low', 9000, 'ByUser', '60s', 'False']);
  assert.deepEqual(flowSchemas.row(fs({ priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1 }), now), ['fs', 'exempt', 1, '*', '60s', '?']);
  assert.deepEqual(priorityLevelConfigurations.columns.map((c) => c.name), ['Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age']);
  assert.deepEqual(priorityLevelConfigurations.row(pl('exempt', { type: 'Exempt' }), now), ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '60s']);
  assert.deepEqual(priorityLevelConfigurations.row(pl('catch-all', { type: 'Limited', limited: { nominalConcurrencyShares: 5, limitResponse: { type: 'Reject' } } }), now),
    ['catch-all', 'Limited', 5, '<none>', '<none>', '<none>', '60s']);
  assert.deepEqual(priorityLevelConfigurations.row(pl('system', { type: 'Limited', limited: { nominalConcurrencyShares: 30, limitResponse: { type: 'Queue', queuing: { queues: 64, handSize: 6, queueLengthLimit: 50 } } } }), now),
    ['system', 'Limited', 30, 64, 6, 50, '60s']);
});
