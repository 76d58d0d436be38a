// What the fuzz sends: hostile paths, methods, queries, headers and bodies built from the
// registry's resources and one valid fixture per kind, mutated so writes fail validation.

import type { ResourceType } from '../../src/api/registry.ts';
import { groupVersion } from '../../src/api/registry.ts';
import type { Sent } from './client.ts';
import type { Rand } from './prng.ts';

export type Who = 'admin' | 'user' | 'node' | 'anonymous';
export interface FuzzRequest extends Sent { who: Who; kind: string }

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE', 'get'];
const SUBRESOURCES = ['status', 'scale', 'binding', 'token', 'log', 'finalize', 'eviction', 'ephemeralcontainers', 'exec', 'attach', 'proxy', 'portforward', 'approval', 'bogus'];
const NAMESPACES = ['fuzz', 'default', 'kube-system', 'missing-ns', '..', '%2e%2e', 'UPPER', 'x'.repeat(300), '%F0%9F%92%A9'];
const NAMES = [
  'fz-target', 'kubernetes', 'default', 'missing', '..', '.', '%2e%2e', '..%2F..%2Fsecrets', 'a%2Fb', '%00', '%', '%ZZ', '%25',
  '%C3%BC%C3%B1%C3%AF', '%F0%9F%92%A9', 'name%20space', 'UPPER', '-lead', 'a..b', 'x'.repeat(260), 'a'.repeat(70), '%FF%FE', '~', '*',
];
const BAD_QUERIES = [
  'limit=-1', 'limit=abc', 'limit=99999999999999999999', 'resourceVersion=abc', 'resourceVersion=-5', 'resourceVersion=0&resourceVersionMatch=Bogus',
  'resourceVersionMatch=Exact', 'continue=garbage', 'continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6LTEsInN0YXJ0IjoiLi4vLi4vIn0', 'limit=1&continue=%ZZ',
  'fieldSelector=a==b==c', 'fieldSelector=metadata.name', 'fieldSelector=%FF', 'fieldSelector=spec.nodeName%3Dx,,', 'fieldSelector=bogus.field=1',
  'labelSelector=a+in+(', 'labelSelector=!!!', 'labelSelector=a%3D%3D%3Db', 'labelSelector=' + 'a,'.repeat(2000),
  'timeoutSeconds=99999999999', 'timeoutSeconds=-1', 'timeoutSeconds=abc', 'watch=maybe', 'watch=1&resourceVersion=abc', 'watch=1&timeoutSeconds=1&resourceVersion=1',
  'allowWatchBookmarks=yes&watch=1&resourceVersion=zz', 'sendInitialEvents=true&watch=1', 'gracePeriodSeconds=abc', 'gracePeriodSeconds=-99',
  'propagationPolicy=Sideways', 'dryRun=Maybe', 'dryRun=All', 'fieldManager=' + 'm'.repeat(200), 'fieldValidation=Bogus', 'fieldValidation=Strict',
  'force=maybe', 'pretty=banana', 'orphanDependents=x', 'follow=true&tailLines=-1', 'container=%00', 'sinceSeconds=-1', 'limitBytes=abc',
  'x=%ZZ', '%ZZ=1', '&&&', '=', 'a=' + 'b'.repeat(5000),
];
const ACCEPTS = [
  'application/json', 'application/vnd.kubernetes.protobuf', 'application/json;as=Table;v=v1;g=meta.k8s.io', 'application/json;as=Table;v=v99;g=bogus',
  'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', 'application/yaml', '*/*', 'text/html', ';;;==', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'application/json;stream=watch', 'application/apply-patch+yaml',
];
const CONTENT_TYPES = [
  'application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/json-patch+json', 'application/merge-patch+json',
  'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'text/plain', 'multipart/form-data; boundary=x', ';;;', 'application/json; charset=latin1',
];

function deep(depth: number, open: string, close: string): string { return open.repeat(depth) + close.repeat(depth); }

function yamlBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  lines.push(`kind: ConfigMap\napiVersion: v1\nmetadata: {name: bomb}\ndata: {x: *a${levels - 1}}`);
  return lines.join('\n');
}

function wrongValue(r: Rand): Json {
  switch (r.int(12)) {
    case 0: return null;
    case 1: return r.pick([0, -1, 1.5, 1e308, -9007199254740993, 2147483648]);
    case 2: return r.chance(0.5);
    case 3: return r.pick(['', 'x', '%00', '\u0000', '\ud800', '../../etc/passwd', '1Gi', 'NaN']);
    case 4: return [];
    case 5: return {};
    case 6: return 'x'.repeat(r.pick([1000, 100_000, 600_000]));
    case 7: return JSON.parse(deep(r.pick([50, 200]), '[', ']')) as Json;
    case 8: return [null, 1, 'a', {}, []];
    case 9: return { '': 1, __proto__x: { constructor: { prototype: 1 } }, 'a\u0000b': 'c' };
    case 10: return Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) as Json;
    default: return { apiVersion: 5, kind: [], metadata: 'x' };
  }
}

/** Replaces one random subtree of v (not v itself) with a wrongly typed or hostile value. */
function mutate(r: Rand, v: Json): void {
  let cur: Json = v;
  for (let depth = 0; depth < 8; depth++) {
    const keys: (string | number)[] = Array.isArray(cur) ? cur.map((_, i) => i) : cur && typeof cur === 'object' ? Object.keys(cur) : [];
    if (keys.length === 0) return;
    const k = r.pick(keys);
    const child: Json = Array.isArray(cur) ? cur[k as number] ?? null : (cur as Record<string, Json>)[k] ?? null;
    const isContainer = child !== null && typeof child === 'object';
    if (!isContainer || r.chance(0.35)) {
      if (Array.isArray(cur)) cur[k as number] = wrongValue(r);
      else if (cur && typeof cur === 'object') cur[k as string] = wrongValue(r);
      return;
    }
    cur = child;
  }
}

export interface Target { type: ResourceType; fixture: Json | undefined }

export class RequestGenerator {
  private readonly r: Rand;
  private readonly targets: Target[];
  private readonly groups: string[];
  private serial = 0;

  constructor(r: Rand, targets: Target[]) {
    this.r = r;
    this.targets = targets;
    this.groups = [...new Set(targets.map((t) => groupVersion(t.type)))];
  }

  private nonResourcePath(): string {
    const r = this.r;
    const gv = r.pick(this.groups);
    return r.pick([
      '/', '/api', '/api/v1', '/apis', `/apis/${gv.split('/')[0] ?? ''}`, `/apis/${gv}`, '/api/v2', '/apis/apps/v99', '/openapi/v2', '/openapi/v3',
      `/openapi/v3/apis/${gv}`, '/openapi/v3/api/v1?hash=garbage', '/openapi/v3/apis/bogus/v1', '/openapi/v3/%ZZ', '/healthz', '/healthz/etcd', '/healthz/bogus',
      '/livez?verbose', '/livez/ping', '/readyz?verbose&exclude=etcd', '/readyz/%00', '/version', '/version/', '/.well-known/openid-configuration',
      '/.well-known/openid-configuration/extra', '/openid/v1/jwks', '/openid/v1/jwks/../../', '/metrics', '//', '/apis/../../etc/passwd', '/%2e%2e/%2e%2e',
      '/api/v1/watch/pods', '/api/v1/watch/namespaces/default/pods/x?timeoutSeconds=abc', '/api/v1/proxy/nodes/x', `/${'a/'.repeat(500)}`, '/api/v1/namespaces/default/pods/x/y/z/w',
      '/apis/apiregistration.k8s.io/v1/apiservices', '/logs/', '/debug/pprof/', '/api/v1/namespaces//pods', '/apis/%/v1/x',
    ]);
  }

  private resourcePath(t: ResourceType): string {
    const r = this.r;
    const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
    const name = r.pick(NAMES);
    const sub = t.subresources?.other ?? [];
    const declared = [...(t.subresources?.status ? ['status'] : []), ...(t.subresources?.scale ? ['scale'] : []), ...sub];
    const subresource = declared.length > 0 && r.chance(0.6) ? r.pick(declared) : r.pick(SUBRESOURCES);
    const ns = r.pick(NAMESPACES);
    const scope = t.namespaced ? (r.chance(0.85) ? `${base}/namespaces/${ns}` : base) : (r.chance(0.15) ? `${base}/namespaces/${ns}` : base);
    switch (r.int(4)) {
      case 0: return `${scope}/${t.resource}`;
      case 1: return `${scope}/${t.resource}/${name}`;
      case 2: return `${scope}/${t.resource}/${name}/${subresource}`;
      default: return r.chance(0.5) ? `${base}/watch/${t.namespaced ? `namespaces/${ns}/` : ''}${t.resource}` : `${scope}/${t.resource}/${name}/${subresource}/extra`;
    }
  }

  private fixtureBody(t: Target): Json {
    const r = this.r;
    const obj = JSON.parse(JSON.stringify(t.fixture ?? { apiVersion: groupVersion(t.type), kind: t.type.kind, metadata: {} })) as Json;
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      const meta = obj['metadata'];
      if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
        meta['name'] = r.chance(0.8) ? `fz-${this.serial++}` : r.pick(['', 'BAD NAME', '../x', 'x'.repeat(300), 'fz-target']);
        if (t.type.namespaced) meta['namespace'] = 'fuzz';
        delete meta['uid'];
        delete meta['creationTimestamp'];
      }
      // Always at least one wrong value, so the write is meant to fail validation.
      const n = 1 + r.int(3);
      for (let i = 0; i < n; i++) mutate(r, obj);
      if (r.chance(0.3)) obj['metadata'] = wrongValue(r);
    }
    return obj;
  }

  private body(t: Target | undefined): { kind: string; body: Buffer; type: string } {
    const r = this.r;
    const json = 'application/json';
    switch (r.int(16)) {
      case 0: {
        const s = JSON.stringify(t ? this.fixtureBody(t) : {});
        return { kind: 'truncated', body: Buffer.from(s.slice(0, r.int(Math.max(1, s.length - 1)))), type: json };
      }
      case 1: return { kind: 'deep-json', body: Buffer.from(deep(r.pick([1000, 100_000]), r.pick(['[', '{"a":']), r.pick([']', '}']))), type: json };
      case 2: return { kind: 'oversized', body: Buffer.alloc(r.pick([3 * 1024 * 1024 + 1, 5 * 1024 * 1024]), 0x61), type: json };
      case 3: return { kind: 'huge-string', body: Buffer.from(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x'.repeat(2_000_000) } })), type: json };
      case 4: return { kind: 'yaml-bomb', body: Buffer.from(yamlBomb(r.pick([6, 9, 12]))), type: 'application/yaml' };
      case 5: return { kind: 'protobuf-garbage', body: Buffer.concat([r.chance(0.5) ? Buffer.from('k8s\x00') : Buffer.alloc(0), r.bytes(r.pick([0, 1, 17, 4096]))]), type: 'application/vnd.kubernetes.protobuf' };
      case 6: return { kind: 'not-object', body: Buffer.from(r.pick(['null', '5', '"str"', '[]', 'true', '', ' ', '{}', '{"kind":null}', '\u0000'])), type: r.pick(CONTENT_TYPES) };
      case 7: return { kind: 'invalid-utf8', body: Buffer.concat([Buffer.from('{"metadata":{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}}')]), type: json };
      case 8: return {
        kind: 'patch-garbage', type: r.pick(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']),
        body: Buffer.from(r.pick([
          '[{"op":"move","from":"/x","path":"/metadata"}]', '[{"op":"test"}]', '[{"op":"add","path":"/metadata/name","value":5}]', '{"metadata":{"name":5}}',
          '{"$patch":"replace","spec":7}', '{"$retainKeys":5}', '[{"op":"copy","from":"/","path":"/spec/x/y/z"}]', '{"spec":{"$setElementOrder/containers":7}}',
          'apiVersion: v1\nkind: [1]\n', '{"metadata":{"resourceVersion":"abc"}}', `[${Array.from({ length: 5000 }, () => '{"op":"remove","path":"/zz"}').join(',')}]`,
        ])),
      };
      case 9: return { kind: 'random-bytes', body: r.bytes(r.pick([1, 64, 1024])), type: r.pick(CONTENT_TYPES) };
      case 10: return { kind: 'wrong-kind', body: Buffer.from(JSON.stringify({ apiVersion: 'bogus/v9', kind: 'Nothing', metadata: { name: `fz-${this.serial++}` } })), type: json };
      case 11: return { kind: 'many-keys', body: Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, { v: i }])))), type: json };
      default: return { kind: 'mutated-fixture', body: Buffer.from(JSON.stringify(t ? this.fixtureBody(t) : wrongValue(r))), type: r.chance(0.85) ? json : r.pick(CONTENT_TYPES) };
    }
  }

  private headers(who: Who): { headers: Record<string, string>; who: Who; tag: string } {
    const r = this.r;
    const h: Record<string, string> = {};
    let tag = '';
    if (r.chance(0.5)) h['accept'] = r.pick(ACCEPTS);
    if (r.chance(0.2)) {
      tag = 'authz';
      h['authorization'] = r.pick([
        'Bearer ', 'Bearer garbage', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Basic YWRtaW46YWRtaW4=', 'Bearer ' + 'x'.repeat(20000),
        'Negotiate xyz', 'bearer lower', 'Bearer \t tab', 'Bearer eyJhbGciOiJSUzI1NiJ9.' + 'A'.repeat(500) + '.sig',
      ]);
    }
    if (r.chance(0.15)) {
      tag += ' impersonate';
      const choice = r.int(5);
      if (choice === 0) h['impersonate-user'] = r.pick(['', 'system:admin', 'x'.repeat(5000), 'system:node:fz', '%ZZ']);
      else if (choice === 1) h['impersonate-group'] = r.pick(['system:masters', '', 'g']);
      else if (choice === 2) { h['impersonate-uid'] = 'u'; }
      else if (choice === 3) { h['impersonate-user'] = 'someone'; h['impersonate-extra-%zz'] = 'v'; h['impersonate-extra-'] = ''; }
      else { h['impersonate-group'] = 'system:masters'; }
    }
    if (r.chance(0.03)) { tag += ' huge-header'; h['x-huge'] = 'h'.repeat(r.pick([10_000, 60_000, 200_000])); }
    if (r.chance(0.05)) { tag += ' huge-count'; for (let i = 0; i < 300; i++) h[`x-h${i}`] = String(i); }
    return { headers: h, who, tag };
  }

  next(): FuzzRequest {
    const r = this.r;
    const who: Who = r.pick(['admin', 'admin', 'user', 'anonymous', 'node']);
    const resource = r.chance(0.85);
    const t = resource ? r.pick(this.targets) : undefined;
    let path = t ? this.resourcePath(t.type) : this.nonResourcePath();
    const q = r.int(4);
    for (let i = 0; i < q; i++) path += `${path.includes('?') ? '&' : '?'}${r.pick(BAD_QUERIES)}`;
    let method = r.pick(METHODS);
    // DELETE of a real object would succeed: always give it a bad parameter too.
    if (method === 'DELETE' && !path.includes('?')) path += `?${r.pick(['gracePeriodSeconds=abc', 'propagationPolicy=Sideways', 'dryRun=Maybe', 'orphanDependents=x'])}`;
    const { headers, tag } = this.headers(who);
    const req: FuzzRequest = { who, kind: tag.trim(), method, path, headers };
    if (method !== 'GET' && method !== 'HEAD' && method !== 'get' && r.chance(0.9)) {
      const b = this.body(t);
      req.body = b.body;
      req.headers['content-type'] ??= b.type;
      req.kind = `${b.kind} ${req.kind}`.trim();
    } else if (r.chance(0.05)) {
      method = 'GET';
      req.body = Buffer.from('{"unexpected":"body"}');
      req.kind = `get-with-body ${req.kind}`.trim();
    }
    req.method = method;
    return req;
  }
}
