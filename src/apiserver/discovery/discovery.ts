// /api, /apis, /api/v1, /apis/G and /apis/G/V — the legacy discovery documents and the
// aggregated (apidiscovery.k8s.io v2 / v2beta1) form, all driven by the registry.

import { createHash } from 'node:crypto';
import { ALL_VERBS, groupVersion } from '../../api/registry.ts';
import type { Registry, ResourceType } from '../../api/registry.ts';
import { negotiateDiscovery } from './accept.ts';
import { subresourcesOf } from './subresources.ts';
import { compareVersionPriority } from './versions.ts';

export interface DiscoveryRequest {
  path: string;
  accept: string;
  ifNoneMatch?: string;
  /** The host:port the client reached us on, for serverAddressByClientCIDRs. */
  host?: string;
}

export interface DiscoveryResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface DiscoveryOptions {
  /** Advertised address when the request does not say which host it reached. */
  serverAddress?: string;
}

/** upstream's storageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind"). */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

interface GroupInfo {
  name: string;
  /** Versions in preference order, each with its types. */
  versions: { version: string; types: ResourceType[] }[];
}

export class Discovery {
  private readonly registry: Registry;
  private readonly options: DiscoveryOptions;
  private cache = new Map<string, { body: Buffer; etag: string }>();

  constructor(registry: Registry, options: DiscoveryOptions = {}) {
    this.registry = registry;
    this.options = options;
  }

  /** Forget cached documents (after kinds are added, e.g. CRDs). */
  invalidate(): void {
    this.cache.clear();
  }

  handle(req: DiscoveryRequest): DiscoveryResponse | undefined {
    const path = req.path.length > 1 && req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
    if (path === '/api' || path === '/apis') {
      const format = negotiateDiscovery(req.accept);
      if (format.aggregated) {
        const contentType = `application/json;g=apidiscovery.k8s.io;v=${format.version};as=APIGroupDiscoveryList`;
        const doc = this.cached(`${path} ${format.version}`, () => this.aggregated(path === '/api', format.version));
        const headers = { 'Content-Type': contentType, Vary: 'Accept', ETag: doc.etag };
        if (req.ifNoneMatch !== undefined && matchesETag(req.ifNoneMatch, doc.etag)) return { status: 304, headers, body: Buffer.alloc(0) };
        return { status: 200, headers, body: doc.body };
      }
      const host = req.host ?? this.options.serverAddress ?? '';
      if (path === '/api') return json(this.apiVersions(host));
      return json(this.cached('/apis', () => ({ kind: 'APIGroupList', apiVersion: 'v1', groups: this.groups().filter((g) => g.name !== '').map((g) => apiGroup(g)) })).body);
    }
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'api' && parts.length === 2) {
      return this.resourceList('', parts[1] as string);
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = this.groups().find((x) => x.name !== '' && x.name === parts[1]);
      return g ? json(this.cached(path, () => apiGroup(g)).body) : undefined;
    }
    if (parts[0] === 'apis' && parts.length === 3) return this.resourceList(parts[1] as string, parts[2] as string);
    return undefined;
  }

  private cached(key: string, build: () => unknown): { body: Buffer; etag: string } {
    let hit = this.cache.get(key);
    if (!hit) {
      const body = Buffer.from(JSON.stringify(build()));
      hit = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
      this.cache.set(key, hit);
    }
    return hit;
  }

  private apiVersions(host: string): unknown {
    const versions = this.groups().find((g) => g.name === '')?.versions.map((v) => v.version) ?? [];
    return {
      kind: 'APIVersions',
      versions,
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }],
    };
  }

  /** Groups in registration order (core first when present), versions by priority. */
  private groups(): GroupInfo[] {
    const groups = new Map<string, GroupInfo>();
    for (const [, types] of this.registry.groupVersions()) {
      const first = types[0];
      if (!first) continue;
      const g = groups.get(first.group) ?? { name: first.group, versions: [] };
      g.versions.push({ version: first.version, types });
      groups.set(first.group, g);
    }
    for (const g of groups.values()) g.versions.sort((a, b) => compareVersionPriority(a.version, b.version));
    return [...groups.values()];
  }

  private resourceList(group: string, version: string): DiscoveryResponse | undefined {
    const key = group ? `${group}/${version}` : version;
    const types = this.registry.groupVersions().get(key);
    if (!types) return undefined;
    const doc = this.cached(`list ${key}`, () => ({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: key,
      resources: sortByName(types).flatMap((t) => legacyResources(this.registry, t)),
    }));
    return json(doc.body);
  }

  private aggregated(legacy: boolean, version: 'v2' | 'v2beta1'): unknown {
    const groups = this.groups().filter((g) => (legacy ? g.name === '' : g.name !== ''));
    return {
      kind: 'APIGroupDiscoveryList',
      apiVersion: `apidiscovery.k8s.io/${version}`,
      metadata: {},
      items: groups.map((g) => ({
        metadata: g.name ? { name: g.name, creationTimestamp: null } : { creationTimestamp: null },
        versions: g.versions.map((v) => ({
          version: v.version,
          resources: sortByName(v.types).map((t) => aggregatedResource(t)),
          freshness: 'Current',
        })),
      })),
    };
  }
}

function sortByName(types: ResourceType[]): ResourceType[] {
  return [...types].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
}

function apiGroup(g: GroupInfo): unknown {
  const versions = g.versions.map((v) => ({ groupVersion: groupVersion({ group: g.name, version: v.version }), version: v.version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: g.name, versions, preferredVersion: versions[0] };
}

function storageHashOf(registry: Registry, t: ResourceType): string {
  const s = registry.storageTypeOf(t);
  return storageVersionHash(s.group, s.version, s.kind);
}

function legacyResources(registry: Registry, t: ResourceType): unknown[] {
  const main: Record<string, unknown> = {
    name: t.resource,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: [...(t.verbs ?? ALL_VERBS)],
  };
  if (t.shortNames?.length) main.shortNames = t.shortNames;
  if (t.categories?.length) main.categories = t.categories;
  main.storageVersionHash = storageHashOf(registry, t);
  const subs = subresourcesOf(t).map((s) => {
    const r: Record<string, unknown> = { name: `${t.resource}/${s.name}`, singularName: '', namespaced: t.namespaced };
    if (s.group !== t.group || s.version !== t.version) Object.assign(r, { group: s.group, version: s.version });
    return Object.assign(r, { kind: s.kind, verbs: s.verbs });
  });
  return [main, ...subs];
}

function aggregatedResource(t: ResourceType): unknown {
  const r: Record<string, unknown> = {
    resource: t.resource,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: [...(t.verbs ?? ALL_VERBS)],
  };
  if (t.shortNames?.length) r.shortNames = t.shortNames;
  if (t.categories?.length) r.categories = t.categories;
  const subs = subresourcesOf(t);
  if (subs.length) {
    r.subresources = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return r;
}

function json(body: unknown): DiscoveryResponse {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return { status: 200, headers: { 'Content-Type': 'application/json', Vary: 'Accept' }, body: buf };
}

function matchesETag(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === etag;
  });
}
