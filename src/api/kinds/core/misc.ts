// core/v1 Endpoints, Binding and ComponentStatus.

import type { ResourceType } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { num, objs, setDefaultString, str } from '../access.ts';
import { age, ageColumn, col, defaultColumns, defaultRow, nameColumn } from '../printers.ts';
import { validation } from '../wiring.ts';

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** "10.0.0.1:80,10.0.0.2:80 + 3 more...", "<none>" without subsets (formatEndpoints). */
export function formatEndpoints(e: KubeObject): string {
  const subsets = objs(e.subsets);
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = objs(ss.addresses);
    const ports = objs(ss.ports);
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) { if (list.length === max) break; list.push(str(a.ip)); }
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) { if (list.length === max) break; list.push(hostPort(str(a.ip), num(p.port) ?? 0)); }
    }
  }
  const ret = list.join(',');
  return count > max ? `${ret} + ${count - max} more...` : ret;
}

export const endpoints: ResourceType = {
  group: '', version: 'v1', kind: 'Endpoints', resource: 'endpoints', singular: 'endpoints', namespaced: true,
  shortNames: ['ep'],
  columns: [nameColumn(), col('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'), ageColumn()],
  row: (o, now) => [o.metadata.name ?? '', formatEndpoints(o), age(o, now)],
  defaults(o) {
    for (const ss of objs(o.subsets)) for (const p of objs(ss.ports)) setDefaultString(p, 'protocol', 'TCP');
  },
  ...validation('/Endpoints'),
  allowCreateOnUpdate: true,
  tracksGeneration: false,
};

export const bindings: ResourceType = {
  group: '', version: 'v1', kind: 'Binding', resource: 'bindings', singular: 'binding', namespaced: true,
  verbs: ['create'],
  columns: defaultColumns(),
  row: defaultRow,
  ...validation('/Binding'),
  tracksGeneration: false,
};

export const componentStatuses: ResourceType = {
  group: '', version: 'v1', kind: 'ComponentStatus', resource: 'componentstatuses', singular: 'componentstatus',
  namespaced: false, shortNames: ['cs'], verbs: ['get', 'list'],
  columns: [
    nameColumn(),
    col('Status', 'string', 'Status of the component conditions'),
    col('Message', 'string', 'Message of the component conditions'),
    col('Error', 'string', 'Error of the component conditions'),
  ],
  row(o) {
    const healthy = objs(o.conditions).find((c) => c.type === 'Healthy');
    const status = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return [o.metadata.name ?? '', status, str(healthy?.message), str(healthy?.error)];
  },
  tracksGeneration: false,
};
