// policy/v1 PodDisruptionBudget.

import type { ResourceType } from '../registry.ts';
import { age, ageColumn, col, int, intOrString, nameColumn, specOf, statusOf } from './printers.ts';
import { statusStrategy } from './strategy.ts';
import { validation } from './wiring.ts';

export const podDisruptionBudgets: ResourceType = {
  group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget', namespaced: true, shortNames: ['pdb'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn(),
  ],
  row(o, now) {
    const spec = specOf(o);
    const min = spec.minAvailable != null ? intOrString(spec.minAvailable) : 'N/A';
    const max = spec.maxUnavailable != null ? intOrString(spec.maxUnavailable) : 'N/A';
    return [o.metadata.name ?? '', min, max, int(statusOf(o).disruptionsAllowed), age(o, now)];
  },
  prepareForCreate: (o) => { o.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }; },
  prepareForUpdate: statusStrategy.prepareForUpdate,
  ...validation('policy/PodDisruptionBudget'),
};
