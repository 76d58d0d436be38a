// What differs between the ReplicaSet and ReplicationController controllers (upstream runs the
// RC controller as the RS one over a conversion): resource, kind, selector shape, queue and event source.

import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { ResourceDescriptor } from '../../client/index.ts';
import { resources } from '../../client/index.ts';
import { labelSelectorAsSelector, nothing } from '../../api/selectors/labels.ts';
import type { Selector } from '../../api/selectors/labels.ts';

export interface ReplicaStatus {
  replicas?: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[];
}

/** The shape both ReplicaSet and ReplicationController share for this controller. */
export interface ReplicatedObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string; namespace?: string; uid?: string; generation?: number; labels?: Record<string, string>;
    annotations?: Record<string, string>; deletionTimestamp?: string; resourceVersion?: string;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
  };
  spec?: { replicas?: number; minReadySeconds?: number; selector?: unknown; template?: PodTemplateSpec };
  status?: ReplicaStatus;
}

export interface ReplicaKind {
  descriptor: ResourceDescriptor;
  apiVersion: string;
  kind: string;
  /** Queue name and event source, as upstream names them. */
  queueName: string;
  component: string;
  selector(obj: ReplicatedObject): Selector;
}

export const ReplicaSetKind: ReplicaKind = {
  descriptor: resources.replicasets,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  queueName: 'replicaset',
  component: 'replicaset-controller',
  selector: (o) => labelSelectorAsSelector(o.spec?.selector as LabelSelector | undefined),
};

export const ReplicationControllerKind: ReplicaKind = {
  descriptor: resources.replicationcontrollers,
  apiVersion: 'v1',
  kind: 'ReplicationController',
  queueName: 'replicationmanager',
  component: 'replication-controller',
  // An RC's selector is a plain label map; an empty one selects nothing here (it is defaulted from the template).
  selector: (o) => {
    const sel = o.spec?.selector as Record<string, string> | undefined;
    return sel && Object.keys(sel).length ? labelSelectorAsSelector({ matchLabels: sel }) : nothing();
  },
};
