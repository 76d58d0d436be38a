// core/v1 ConfigMap, Secret and ServiceAccount.

import type { ResourceType } from '../../registry.ts';
import { child, get, obj, objs, setDefaultString, str } from '../access.ts';
import { age, ageColumn, col, nameColumn } from '../printers.ts';
import { validation } from '../wiring.ts';

export const configMaps: ResourceType = {
  group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', singular: 'configmap', namespaced: true,
  shortNames: ['cm'],
  columns: [nameColumn(), col('Data', 'string', 'Data contains the configuration data.'), ageColumn()],
  row: (o, now) => [o.metadata.name ?? '', Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length, age(o, now)],
  ...validation('/ConfigMap'),
  tracksGeneration: false,
};

export const secrets: ResourceType = {
  group: '', version: 'v1', kind: 'Secret', resource: 'secrets', singular: 'secret', namespaced: true,
  columns: [
    nameColumn(),
    col('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 'string', 'Data contains the secret data.'),
    ageColumn(),
  ],
  row: (o, now) => [o.metadata.name ?? '', str(o.type), Object.keys(obj(o.data)).length, age(o, now)],
  fieldSelectors: { type: (o) => str(get(o, 'type')) },
  defaults(o) {
    setDefaultString(o, 'type', 'Opaque');
    // stringData is write-only: merged into data (base64) and never stored (v1 conversion).
    const stringData = obj(o.stringData);
    if (Object.keys(stringData).length > 0) {
      const data = child(o, 'data');
      for (const [k, v] of Object.entries(stringData)) if (typeof v === 'string') data[k] = Buffer.from(v, 'utf8').toString('base64');
    }
    delete o.stringData;
  },
  ...validation('/Secret'),
  tracksGeneration: false,
};

export const serviceAccounts: ResourceType = {
  group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', singular: 'serviceaccount', namespaced: true,
  shortNames: ['sa'],
  subresources: { other: ['token'] },
  columns: [nameColumn(), col('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), ageColumn()],
  row: (o, now) => [o.metadata.name ?? '', objs(o.secrets).length, age(o, now)],
  ...validation('/ServiceAccount'),
  tracksGeneration: false,
  allowCreateOnUpdate: true,
};
