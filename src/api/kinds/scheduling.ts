// scheduling.k8s.io/v1 PriorityClass.

import type { ResourceType } from '../registry.ts';
import { setDefaultString, str } from './access.ts';
import { age, ageColumn, col, int, nameColumn } from './printers.ts';
import { validation } from './wiring.ts';

export const priorityClasses: ResourceType = {
  group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', resource: 'priorityclasses', singular: 'priorityclass',
  namespaced: false, shortNames: ['pc'],
  columns: [
    nameColumn(),
    col('Value', 'integer', 'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.'),
    col('Global-Default', 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.'),
    ageColumn(),
    col('PreemptionPolicy', 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.'),
  ],
  row: (o, now) => [o.metadata.name ?? '', int(o.value), o.globalDefault === true, age(o, now), str(o.preemptionPolicy)],
  defaults: (o) => setDefaultString(o, 'preemptionPolicy', 'PreemptLowerPriority'),
  ...validation('scheduling.k8s.io/PriorityClass'),
  tracksGeneration: false,
};
