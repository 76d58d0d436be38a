// discovery.k8s.io/v1 EndpointSlice.

import type { ResourceType } from '../registry.ts';
import { num, objs, setDefault, setDefaultString, str, strs } from './access.ts';
import { age, ageColumn, col, listWithMore, nameColumn } from './printers.ts';
import { validation } from './wiring.ts';

export const endpointSlices: ResourceType = {
  group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices', singular: 'endpointslice',
  namespaced: true,
  columns: [
    nameColumn(),
    col('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
    col('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
    ageColumn(),
  ],
  row(o, now) {
    const ports = objs(o.ports).map((p) => {
      const n = num(p.port);
      return n !== undefined ? String(n) : typeof p.name === 'string' ? p.name : '*';
    });
    const addresses = objs(o.endpoints).flatMap((e) => strs(e.addresses));
    return [o.metadata.name ?? '', str(o.addressType), listWithMore(ports, 3), listWithMore(addresses, 3), age(o, now)];
  },
  defaults(o) {
    for (const p of objs(o.ports)) {
      setDefault(p, 'name', '');
      setDefaultString(p, 'protocol', 'TCP');
    }
  },
  ...validation('discovery.k8s.io/EndpointSlice'),
};
