// apps/v1 Deployment and ReplicaSet.

import type { ResourceType, ScaleAccess } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { child, get, num, setDefault, setDefaultString } from '../access.ts';
import {
  age, ageColumn, col, containersColumn, formatLabelSelector, imagesColumn, int, labelSelectorString,
  layoutContainerCells, nameColumn, specOf, statusOf,
} from '../printers.ts';
import { statusStrategy } from '../strategy.ts';
import { validation } from '../wiring.ts';
import { defaultTemplate } from '../core/pod-defaults.ts';

/** Scale access for kinds with spec.replicas, status.replicas and a LabelSelector. */
export const selectorScale: ScaleAccess = {
  specReplicas: (o) => num(get(o, 'spec.replicas')) ?? 1,
  statusReplicas: (o) => num(get(o, 'status.replicas')) ?? 0,
  selector: (o) => labelSelectorString(get(o, 'spec.selector')) ?? '',
  setSpecReplicas: (o, n) => { child(o, 'spec').replicas = n; },
};

export const selectorColumn = (doc: string) => col('Selector', 'string', doc, 1);

function deploymentRow(o: KubeObject, now: number): unknown[] {
  const spec = specOf(o);
  const status = statusOf(o);
  const [names, images] = layoutContainerCells(get(spec, 'template.spec.containers'));
  const selector = labelSelectorString(spec.selector);
  return [
    o.metadata.name ?? '', `${int(status.readyReplicas)}/${int(spec.replicas)}`, int(status.updatedReplicas),
    int(status.availableReplicas), age(o, now), names, images, selector === undefined ? '<invalid>' : selector,
  ];
}

export const deployments: ResourceType = {
  group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', singular: 'deployment', namespaced: true,
  shortNames: ['deploy'], categories: ['all'],
  subresources: { status: true, scale: selectorScale },
  columns: [
    nameColumn(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageColumn(),
    containersColumn(), imagesColumn(),
    selectorColumn('Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.'),
  ],
  row: deploymentRow,
  defaults(o) {
    const spec = child(o, 'spec');
    setDefault(spec, 'replicas', 1);
    const strategy = child(spec, 'strategy');
    setDefaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = child(strategy, 'rollingUpdate');
      setDefault(ru, 'maxUnavailable', '25%');
      setDefault(ru, 'maxSurge', '25%');
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'progressDeadlineSeconds', 600);
    defaultTemplate(spec);
  },
  ...statusStrategy,
  ...validation('apps/Deployment'),
};

export const replicaSets: ResourceType = {
  group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', singular: 'replicaset', namespaced: true,
  shortNames: ['rs'], categories: ['all'],
  subresources: { status: true, scale: selectorScale },
  columns: [
    nameColumn(),
    col('Desired', 'integer', 'Replicas is the number of desired pods.'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', 'The number of ready replicas for this replica set.'),
    ageColumn(),
    containersColumn(), imagesColumn(),
    selectorColumn('Selector is a label query over pods that should match the replica count.'),
  ],
  row(o, now) {
    const spec = specOf(o);
    const status = statusOf(o);
    const [names, images] = layoutContainerCells(get(spec, 'template.spec.containers'));
    return [o.metadata.name ?? '', int(spec.replicas), int(status.replicas), int(status.readyReplicas), age(o, now), names, images, formatLabelSelector(spec.selector)];
  },
  fieldSelectors: { 'status.replicas': (o) => String(num(get(o, 'status.replicas')) ?? 0) },
  defaults(o) {
    const spec = child(o, 'spec');
    setDefault(spec, 'replicas', 1);
    defaultTemplate(spec);
  },
  ...statusStrategy,
  ...validation('apps/ReplicaSet'),
};

