// Server-preferred resources from API discovery (/api, /apis), as upstream's
// discovery.ServerPreferredResources: one version per group, subresources left out.

import type { ResourceDescriptor, RestClient } from '../../client/index.ts';

export interface DiscoveredResource extends ResourceDescriptor {
  kind: string;
  verbs: string[];
}

interface APIResourceList { groupVersion?: string; resources?: { name: string; namespaced: boolean; kind: string; verbs?: string[] }[] }
interface APIGroupList { groups?: { name: string; preferredVersion?: { version: string }; versions?: { version: string }[] }[] }
interface APIVersions { versions?: string[] }

export interface DiscoveryResult {
  resources: DiscoveredResource[];
  /** Group versions whose discovery failed, with the error. */
  failed: Map<string, unknown>;
}

function collect(out: DiscoveredResource[], group: string, version: string, list: APIResourceList): void {
  for (const r of list.resources ?? []) {
    if (r.name.includes('/')) continue;
    out.push({ group, version, resource: r.name, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs ?? [] });
  }
}

export async function serverPreferredResources(rest: RestClient): Promise<DiscoveryResult> {
  const resources: DiscoveredResource[] = [];
  const failed = new Map<string, unknown>();
  const core = await rest.request<APIVersions>({ method: 'GET', path: '/api' });
  const coreVersion = core.versions?.[0] ?? 'v1';
  const groups = await rest.request<APIGroupList>({ method: 'GET', path: '/apis' });
  const jobs: Promise<void>[] = [];
  jobs.push(rest.request<APIResourceList>({ method: 'GET', path: `/api/${coreVersion}` })
    .then((l) => collect(resources, '', coreVersion, l), (err: unknown) => { failed.set(coreVersion, err); }));
  for (const g of groups.groups ?? []) {
    const v = g.preferredVersion?.version ?? g.versions?.[0]?.version;
    if (!v) continue;
    jobs.push(rest.request<APIResourceList>({ method: 'GET', path: `/apis/${g.name}/${v}` })
      .then((l) => collect(resources, g.name, v, l), (err: unknown) => { failed.set(`${g.name}/${v}`, err); }));
  }
  await Promise.all(jobs);
  return { resources, failed };
}
