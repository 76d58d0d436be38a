// API Priority and Fairness against the in-process apiserver: the bootstrap objects, the PF
// response headers, and a tiny priority level that queues and rejects as configured.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startTestServer } from '../testing.ts';
import type { Response, TestServer } from '../testing.ts';
import { DUMP_PRIORITY_LEVELS_PATH } from './index.ts';

const FC = '/apis/flowcontrol.apiserver.k8s.io/v1';
const AS_SLOWPOKE = { 'Impersonate-User': 'slowpoke' };

interface Item { metadata: { name: string; uid: string }; status?: { conditions?: { type: string; status: string; reason: string }[] } }

describe('API Priority and Fairness in the apiserver', () => {
  let ts: TestServer;
  /** Requests to /slow wait for release(). */
  const gates: (() => void)[] = [];
  const releaseAll = (): void => { for (const g of gates.splice(0)) g(); };

  before(async () => {
    // ServerCL 10: a level of 1 share out of ~250 gets 1 seat.
    ts = await startTestServer({ maxRequestsInFlight: 10, maxMutatingRequestsInFlight: 0 }, (server) => {
      server.addRoute('/slow', async (ex) => {
        await new Promise<void>((resolve) => gates.push(resolve));
        ex.sendJSON(200, { ok: true });
      });
    });
  });
  after(async () => { releaseAll(); await ts?.close(); });

  it('creates upstream\'s mandatory and suggested objects at start', async () => {
    const fs = await ts.request('GET', `${FC}/flowschemas`);
    assert.equal(fs.status, 200);
    assert.deepEqual((fs.json.items as Item[]).map((i) => i.metadata.name).sort(), [
      'catch-all', 'endpoint-controller', 'exempt', 'global-default', 'kube-controller-manager', 'kube-scheduler', 'kube-system-service-accounts',
      'probes', 'service-accounts', 'system-leader-election', 'system-node-high', 'system-nodes', 'workload-leader-election',
    ]);
    const pls = await ts.request('GET', `${FC}/prioritylevelconfigurations`);
    assert.deepEqual((pls.json.items as Item[]).map((i) => i.metadata.name).sort(), [
      'catch-all', 'exempt', 'global-default', 'leader-election', 'node-high', 'system', 'workload-high', 'workload-low',
    ]);
    await eventually(async () => {
      const g = await ts.request('GET', `${FC}/flowschemas/global-default`);
      return (g.json as unknown as Item).status?.conditions?.some((c) => c.type === 'Dangling' && c.status === 'False' && c.reason === 'Found') === true;
    });
  });

  it('answers with the uids of the FlowSchema and priority level that served the request', async () => {
    const exemptFS = await ts.request('GET', `${FC}/flowschemas/exempt`);
    const exemptPL = await ts.request('GET', `${FC}/prioritylevelconfigurations/exempt`);
    const r = await ts.request('GET', '/api/v1/namespaces');
    assert.equal(r.headers['x-kubernetes-pf-flowschema-uid'], (exemptFS.json as unknown as Item).metadata.uid);
    assert.equal(r.headers['x-kubernetes-pf-prioritylevel-uid'], (exemptPL.json as unknown as Item).metadata.uid);
    const gd = await ts.request('GET', `${FC}/flowschemas/global-default`);
    const other = await ts.request('GET', '/api/v1/namespaces', undefined, AS_SLOWPOKE);
    assert.equal(other.status, 200);
    assert.equal(other.headers['x-kubernetes-pf-flowschema-uid'], (gd.json as unknown as Item).metadata.uid);
  });

  it('marks a FlowSchema whose priority level does not exist as Dangling', async () => {
    const created = await ts.request('POST', `${FC}/flowschemas`, flowSchema('tiny', 'tiny'));
    assert.equal(created.status, 201, created.text);
    const dangling = async (status: string): Promise<boolean> => {
      const g = await ts.request('GET', `${FC}/flowschemas/tiny`);
      return (g.json as unknown as Item).status?.conditions?.some((c) => c.type === 'Dangling' && c.status === status) === true;
    };
    await eventually(() => dangling('True'));
    const pl = await ts.request('POST', `${FC}/prioritylevelconfigurations`, priorityLevel('tiny', 'Queue'));
    assert.equal(pl.status, 201, pl.text);
    await eventually(() => dangling('False'));
  });

  it('a level with one seat and one short queue runs one request, queues one and refuses the next', async () => {
    const pl = await ts.request('GET', `${FC}/prioritylevelconfigurations/tiny`);
    const uid = (pl.json as unknown as Item).metadata.uid;
    await eventually(async () => (await ts.request('GET', '/version', undefined, AS_SLOWPOKE)).headers['x-kubernetes-pf-prioritylevel-uid'] === uid);
    const first = ts.request('GET', '/slow', undefined, AS_SLOWPOKE);
    await eventually(() => gates.length === 1);
    const second = ts.request('GET', '/slow', undefined, AS_SLOWPOKE);
    await eventually(async () => dumpRow(await ts.request('GET', DUMP_PRIORITY_LEVELS_PATH), 'tiny')[4] === '1');
    const third = await ts.request('GET', '/slow', undefined, AS_SLOWPOKE);
    assert.equal(third.status, 429);
    assert.equal(third.headers['retry-after'], '1');
    assert.equal(third.json.reason, 'TooManyRequests');
    assert.equal(gates.length, 1, 'the queued request has not started');
    releaseAll();
    assert.equal((await first).status, 200);
    await eventually(() => gates.length === 1);
    releaseAll();
    assert.equal((await second).status, 200);
  });

  it('a Reject level refuses at once when its seat is taken, and the change applies live', async () => {
    const cur = await ts.request('GET', `${FC}/prioritylevelconfigurations/tiny`);
    const next = { ...cur.json, spec: priorityLevel('tiny', 'Reject').spec };
    assert.equal((await ts.request('PUT', `${FC}/prioritylevelconfigurations/tiny`, next)).status, 200);
    // The watch cache delivers the change and the configuration is rebuilt on the next turn.
    await new Promise((r) => setTimeout(r, 100));
    const first = ts.request('GET', '/slow', undefined, AS_SLOWPOKE);
    await eventually(() => gates.length === 1);
    const t0 = Date.now();
    const refused = await ts.request('GET', '/slow', undefined, AS_SLOWPOKE);
    assert.equal(refused.status, 429);
    assert.ok(Date.now() - t0 < 2000, 'refused at once, not after waiting in a queue');
    // The administrator is exempt and never held.
    assert.equal((await ts.request('GET', '/api/v1/namespaces')).status, 200);
    releaseAll();
    assert.equal((await first).status, 200);
  });
});

function flowSchema(name: string, pl: string): Record<string, unknown> {
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name },
    spec: {
      priorityLevelConfiguration: { name: pl }, matchingPrecedence: 50, distinguisherMethod: { type: 'ByUser' },
      rules: [{ subjects: [{ kind: 'User', user: { name: 'slowpoke' } }], nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/slow', '/version'] }] }],
    },
  };
}

function priorityLevel(name: string, type: 'Queue' | 'Reject'): { spec: Record<string, unknown> } & Record<string, unknown> {
  const limitResponse = type === 'Queue' ? { type, queuing: { queues: 1, handSize: 1, queueLengthLimit: 1 } } : { type };
  return {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name },
    spec: { type: 'Limited', limited: { nominalConcurrencyShares: 1, limitResponse } },
  };
}

/** The cells of a level's line in the dump (name, active queues, idle, quiescing, waiting, executing, …). */
function dumpRow(r: Response, level: string): string[] {
  const line = r.text.split('\n').find((l) => l.startsWith(`${level},`)) ?? '';
  return line.split(',').map((c) => c.trim());
}
