// core/v1 ReplicationController and PodTemplate.

import type { ResourceType } from '../../registry.ts';
import { child, get, num, obj, setDefault, strMap } from '../access.ts';
import {
  age, ageColumn, col, containersColumn, formatLabels, imagesColumn, int, labelsString, layoutContainerCells,
  nameColumn, specOf, statusOf,
} from '../printers.ts';
import { statusStrategy } from '../strategy.ts';
import { validation } from '../wiring.ts';
import { defaultTemplate } from './pod-defaults.ts';

export const replicationControllers: ResourceType = {
  group: '', version: 'v1', kind: 'ReplicationController', resource: 'replicationcontrollers',
  singular: 'replicationcontroller', namespaced: true, shortNames: ['rc'], categories: ['all'],
  subresources: {
    status: true,
    scale: {
      specReplicas: (o) => num(get(o, 'spec.replicas')) ?? 1,
      statusReplicas: (o) => num(get(o, 'status.replicas')) ?? 0,
      selector: (o) => labelsString(get(o, 'spec.selector')),
      setSpecReplicas: (o, n) => { child(o, 'spec').replicas = n; },
    },
  },
  columns: [
    nameColumn(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
    ageColumn(),
    containersColumn(), imagesColumn(),
    col('Selector', 'string', 'Selector is a label query over pods that should match the Replicas count.', 1),
  ],
  row(o, now) {
    const spec = specOf(o);
    const status = statusOf(o);
    const [names, images] = layoutContainerCells(get(spec, 'template.spec.containers'));
    return [o.metadata.name ?? '', int(spec.replicas), int(status.replicas), int(status.readyReplicas), age(o, now), names, images, formatLabels(spec.selector)];
  },
  fieldSelectors: { 'status.replicas': (o) => String(num(get(o, 'status.replicas')) ?? 0) },
  defaults(o) {
    const spec = child(o, 'spec');
    // Selector and labels default to the template's labels.
    const labels = strMap(get(spec, 'template.metadata.labels'));
    if (Object.keys(labels).length > 0) {
      if (Object.keys(obj(spec.selector)).length === 0) spec.selector = { ...labels };
      if (Object.keys(o.metadata.labels ?? {}).length === 0) o.metadata.labels = { ...labels };
    }
    setDefault(spec, 'replicas', 1);
    defaultTemplate(spec);
  },
  ...statusStrategy,
  ...validation('/ReplicationController'),
};

export const podTemplates: ResourceType = {
  group: '', version: 'v1', kind: 'PodTemplate', resource: 'podtemplates', singular: 'podtemplate', namespaced: true,
  columns: [
    nameColumn(),
    col('Containers', 'string', 'Names of each container in the template.'),
    col('Images', 'string', 'Images referenced by each container in the template.'),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  row(o) {
    const [names, images] = layoutContainerCells(get(o, 'template.spec.containers'));
    return [o.metadata.name ?? '', names, images, formatLabels(get(o, 'template.metadata.labels'))];
  },
  defaults: (o) => defaultTemplate(o),
  ...validation('/PodTemplate'),
};
