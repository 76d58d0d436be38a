// apps/v1 DaemonSet, StatefulSet and ControllerRevision.

import type { ResourceType } from '../../registry.ts';
import type { KubeObject } from '../../types.ts';
import { child, get, isObj, objs, setDefault, setDefaultString } from '../access.ts';
import {
  age, ageColumn, col, containersColumn, formatLabelSelector, formatLabels, imagesColumn, int, layoutContainerCells,
  nameColumn, specOf, statusOf,
} from '../printers.ts';
import { statusStrategy } from '../strategy.ts';
import { validation } from '../wiring.ts';
import { defaultTemplate } from '../core/pod-defaults.ts';
import { selectorColumn, selectorScale } from './workloads.ts';

export const daemonSets: ResourceType = {
  group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets', singular: 'daemonset', namespaced: true,
  shortNames: ['ds'], categories: ['all'],
  subresources: { status: true },
  columns: [
    nameColumn(),
    col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'),
    col('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    col('Ready', 'integer', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.'),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    col('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    ageColumn(),
    containersColumn(), imagesColumn(),
    selectorColumn('A label query over pods that are managed by the daemon set.'),
  ],
  row(o, now) {
    const spec = specOf(o);
    const s = statusOf(o);
    const [names, images] = layoutContainerCells(get(spec, 'template.spec.containers'));
    return [
      o.metadata.name ?? '', int(s.desiredNumberScheduled), int(s.currentNumberScheduled), int(s.numberReady),
      int(s.updatedNumberScheduled), int(s.numberAvailable), formatLabels(get(spec, 'template.spec.nodeSelector')),
      age(o, now), names, images, formatLabelSelector(spec.selector),
    ];
  },
  defaults(o) {
    const spec = child(o, 'spec');
    const strategy = child(spec, 'updateStrategy');
    setDefaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = child(strategy, 'rollingUpdate');
      setDefault(ru, 'maxUnavailable', 1);
      setDefault(ru, 'maxSurge', 0);
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultTemplate(spec);
  },
  ...statusStrategy,
  ...validation('apps/DaemonSet'),
};

export const statefulSets: ResourceType = {
  group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets', singular: 'statefulset', namespaced: true,
  shortNames: ['sts'], categories: ['all'],
  subresources: { status: true, scale: selectorScale },
  columns: [nameColumn(), col('Ready', 'string', 'Number of the pod with ready state'), ageColumn(), containersColumn(), imagesColumn()],
  row(o, now) {
    const spec = specOf(o);
    const [names, images] = layoutContainerCells(get(spec, 'template.spec.containers'));
    return [o.metadata.name ?? '', `${int(statusOf(o).readyReplicas)}/${int(spec.replicas)}`, age(o, now), names, images];
  },
  defaults(o) {
    const spec = child(o, 'spec');
    setDefaultString(spec, 'podManagementPolicy', 'OrderedReady');
    const strategy = child(spec, 'updateStrategy');
    if (!strategy.type) {
      strategy.type = 'RollingUpdate';
      setDefault(strategy, 'rollingUpdate', {});
    }
    if (strategy.type === 'RollingUpdate' && isObj(strategy.rollingUpdate)) setDefault(strategy.rollingUpdate, 'partition', 0);
    const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
    setDefaultString(retention, 'whenDeleted', 'Retain');
    setDefaultString(retention, 'whenScaled', 'Retain');
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'revisionHistoryLimit', 10);
    for (const pvc of objs(spec.volumeClaimTemplates)) setDefaultString(child(pvc, 'spec'), 'volumeMode', 'Filesystem');
    defaultTemplate(spec);
  },
  ...statusStrategy,
  ...validation('apps/StatefulSet'),
};

/** "daemonset.apps/name" for the controller owner, "<none>" without one. */
function controllerOf(o: KubeObject): string {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return groupKind ? `${groupKind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisions: ResourceType = {
  group: 'apps', version: 'v1', kind: 'ControllerRevision', resource: 'controllerrevisions', singular: 'controllerrevision',
  namespaced: true,
  columns: [
    nameColumn(),
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    ageColumn(),
  ],
  row: (o, now) => [o.metadata.name ?? '', controllerOf(o), int(o.revision), age(o, now)],
  ...validation('apps/ControllerRevision'),
  tracksGeneration: false,
};
