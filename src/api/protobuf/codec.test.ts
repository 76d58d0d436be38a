import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStatusError } from '../errors.ts';
import { decodeK8sProtobuf, encodeK8sProtobuf, messageForKind } from './codec.ts';
import { configMap, deployment, event, hpaV2, job, lease, pod, role, secret, service } from './testdata.ts';
import { WIRE, Writer } from './wire.ts';

type Obj = Record<string, unknown>;

function roundTrip(obj: Obj): Obj {
  const bytes = encodeK8sProtobuf(obj['apiVersion'] as string, obj['kind'] as string, obj);
  const out = decodeK8sProtobuf(bytes);
  assert.equal(out.apiVersion, obj['apiVersion']);
  assert.equal(out.kind, obj['kind']);
  return out.object;
}

for (const [name, obj] of Object.entries({ pod, deployment, service, secret, configMap, job, hpaV2, lease, event, role })) {
  test(`a ${name} survives encode → decode unchanged`, () => {
    assert.deepEqual(roundTrip(obj), obj);
  });
}

/** The bytes of a k8s protobuf envelope around a raw message body. */
function envelope(apiVersion: string, kind: string, raw: Uint8Array): Uint8Array {
  const tm = new Writer();
  tm.tag(1, WIRE.bytes); tm.string(apiVersion);
  tm.tag(2, WIRE.bytes); tm.string(kind);
  const w = new Writer();
  w.raw(Uint8Array.of(0x6b, 0x38, 0x73, 0));
  w.tag(1, WIRE.bytes); w.message(tm);
  w.tag(2, WIRE.bytes); w.bytes(raw);
  return w.finish();
}

test('fields absent from the wire take the JSON Go prints for their zero values', () => {
  // An empty Pod: metadata and status are non-pointer structs, spec.containers is not omitempty.
  assert.deepEqual(decodeK8sProtobuf(envelope('v1', 'Pod', new Uint8Array(0))).object, {
    kind: 'Pod', apiVersion: 'v1', metadata: {}, spec: { containers: null }, status: {},
  });
  // A container port: containerPort (not omitempty) is 0; Container.name is ''; resources is {}.
  const port = new Writer(); port.tag(1, WIRE.bytes); port.string('http');
  const container = new Writer(); container.tag(6, WIRE.bytes); container.message(port);
  const spec = new Writer(); spec.tag(2, WIRE.bytes); spec.message(container);
  const podW = new Writer(); podW.tag(2, WIRE.bytes); podW.message(spec);
  const out = decodeK8sProtobuf(envelope('v1', 'Pod', podW.finish())).object as { spec: { containers: Obj[] } };
  assert.deepEqual(out.spec.containers[0], { name: '', ports: [{ name: 'http', containerPort: 0 }], resources: {} });
});

test('zero values written explicitly follow omitempty, and pointers keep their zero', () => {
  const spec = new Writer();
  spec.tag(1, WIRE.varint); spec.varint(0); // replicas *int32 → kept
  spec.tag(5, WIRE.varint); spec.varint(0); // minReadySeconds int32 omitempty → dropped
  spec.tag(3, WIRE.bytes); spec.varint(0); // template: zero PodTemplateSpec
  const d = new Writer(); d.tag(2, WIRE.bytes); d.message(spec);
  const out = decodeK8sProtobuf(envelope('apps/v1', 'Deployment', d.finish())).object;
  assert.deepEqual(out['spec'], { replicas: 0, template: { metadata: {}, spec: { containers: null } }, strategy: {} });
});

test('unknown field numbers are skipped at every wire type', () => {
  const body = decodeK8sProtobuf(encodeK8sProtobuf('v1', 'ConfigMap', configMap));
  // Re-wrap the ConfigMap body with unknown fields 90..93 of each wire type appended.
  const inner = new Writer();
  inner.raw(encodeOnly(configMap));
  inner.tag(90, WIRE.varint); inner.varint(2 ** 40);
  inner.tag(91, WIRE.fixed64); inner.double(1.5);
  inner.tag(92, WIRE.bytes); inner.string('future');
  inner.tag(93, WIRE.fixed32); inner.float(2.5);
  assert.deepEqual(decodeK8sProtobuf(envelope('v1', 'ConfigMap', inner.finish())).object, body.object);
});

function encodeOnly(obj: Obj): Uint8Array {
  // The raw message inside our own envelope: skip magic(4) + typeMeta field + raw tag/length.
  const full = encodeK8sProtobuf(obj['apiVersion'] as string, obj['kind'] as string, obj);
  let pos = 4;
  pos += 1; const tmLen = full[pos]!; pos += 1 + tmLen; // typeMeta is short: one-byte length
  assert.equal(full[pos], 0x12);
  pos += 1;
  let len = 0, shift = 0;
  for (;;) { const b = full[pos++]!; len += (b & 0x7f) * 2 ** shift; shift += 7; if (b < 0x80) break; }
  return full.subarray(pos, pos + len);
}

test('negative int32 and int64 values use Go\'s ten-byte encoding and read back', () => {
  const obj = { kind: 'Pod', apiVersion: 'v1', metadata: { generation: -7 }, spec: { containers: null, activeDeadlineSeconds: -(2 ** 40), priority: -1 }, status: {} };
  assert.deepEqual(roundTrip(obj), obj);
});

test('kinds resolve by group and version, with meta/v1 kinds under any group', () => {
  assert.equal(messageForKind('v1', 'Pod')?.name, 'core.v1.Pod');
  assert.equal(messageForKind('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding')?.name, 'rbac.v1.ClusterRoleBinding');
  assert.equal(messageForKind('policy/v1', 'Eviction')?.name, 'policy.v1.Eviction');
  assert.equal(messageForKind('apps/v1', 'DeleteOptions')?.name, 'meta.v1.DeleteOptions');
  assert.equal(messageForKind('autoscaling/v1', 'Scale')?.name, 'autoscaling.v1.Scale');
  assert.equal(messageForKind('authorization.k8s.io/v1', 'SelfSubjectRulesReview')?.name, 'authorization.v1.SelfSubjectRulesReview');
  assert.equal(messageForKind('v1', 'NoSuchKind'), undefined);
  assert.equal(messageForKind('../x', 'Pod'), undefined);
});

test('a TokenReview keeps user extra values (a Go named slice) as arrays', () => {
  const tr = {
    kind: 'TokenReview', apiVersion: 'authentication.k8s.io/v1', metadata: {},
    spec: { token: 't', audiences: ['a'] },
    status: { authenticated: true, user: { username: 'u', groups: ['g'], extra: { scopes: ['x', 'y'] } } },
  };
  assert.deepEqual(roundTrip(tr), tr);
});

function assertBadRequest(bytes: Uint8Array, pattern: RegExp): void {
  assert.throws(() => decodeK8sProtobuf(bytes), (e: unknown) => isStatusError(e) && e.code === 400 && pattern.test(e.message));
}

test('hostile or malformed bodies are 400 BadRequest', () => {
  assertBadRequest(new TextEncoder().encode('{"kind":"Pod"}'), /prefix/);
  assertBadRequest(envelope('v1', 'Nope', new Uint8Array(0)), /no kind "Nope"/);
  assertBadRequest(envelope('', '', new Uint8Array(0)), /missing/);
  assertBadRequest(envelope('v1', 'Pod', Uint8Array.of(0x90, 0x03, 0x80)), /truncated varint/); // unknown field 50, varint cut short
  assertBadRequest(envelope('v1', 'Pod', Uint8Array.of(0x0a, 0x05, 0x01)), /declared/); // length past the end
  assertBadRequest(envelope('v1', 'Pod', Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f)), /declared/); // 4 GiB length
  assertBadRequest(envelope('v1', 'Pod', Uint8Array.of(0x90, 0x03, ...new Array<number>(11).fill(0xff))), /varint/);
  assertBadRequest(envelope('v1', 'Pod', Uint8Array.of(0x08, 0x01)), /wrong wire type/); // metadata as a varint
  assertBadRequest(envelope('v1', 'Pod', Uint8Array.of(0x00, 0x01)), /field number 0/);
  assertBadRequest(envelope('v1', 'Pod', Uint8Array.of(0xfb, 0x01)), /wire type 3/); // a group
  const q = new Writer(); q.tag(1, WIRE.bytes); q.string('12 apples');
  const limits = new Writer(); limits.tag(1, WIRE.bytes); limits.string('cpu'); limits.tag(2, WIRE.bytes); limits.message(q);
  const rr = new Writer(); rr.tag(1, WIRE.bytes); rr.message(limits);
  const c = new Writer(); c.tag(8, WIRE.bytes); c.message(rr);
  const spec = new Writer(); spec.tag(2, WIRE.bytes); spec.message(c);
  const p = new Writer(); p.tag(2, WIRE.bytes); p.message(spec);
  assertBadRequest(envelope('v1', 'Pod', p.finish()), /invalid quantity/);
});

test('random corruption of a valid body never escapes as anything but a 400', () => {
  const good = encodeK8sProtobuf('v1', 'Pod', pod);
  let seed = 42;
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
  for (let i = 0; i < 3000; i++) {
    const bad = good.slice(0, 4 + rand(good.length - 4) + 1);
    for (let k = 0; k < 1 + rand(4); k++) bad[4 + rand(bad.length - 4)] = rand(256);
    try {
      decodeK8sProtobuf(bad);
    } catch (e) {
      assert.ok(isStatusError(e) && e.code === 400, `iteration ${i}: ${String(e)}`);
    }
  }
});

test('decoding a typical pod takes microseconds', () => {
  const bytes = encodeK8sProtobuf('v1', 'Pod', pod);
  for (let i = 0; i < 200; i++) decodeK8sProtobuf(bytes);
  const n = 2000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) decodeK8sProtobuf(bytes);
  const perDecodeUs = Number(process.hrtime.bigint() - start) / n / 1000;
  // Measured ~20µs here for this large pod; the bound leaves room for slow CI machines.
  console.log(`pod decode: ${perDecodeUs.toFixed(1)}µs`);
  assert.ok(perDecodeUs < 500, `decode took ${perDecodeUs.toFixed(1)}µs`);
});
