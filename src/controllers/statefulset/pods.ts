// StatefulSet pod identity (upstream stateful_set_utils): <sts>-<ordinal> names, the pod-name and
// pod-index labels, hostname/subdomain, and claims <template>-<sts>-<ordinal> per volumeClaimTemplate.

import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { newControllerRef } from '../common/controller-ref.ts';
import { ControllerRevisionHashLabel } from '../common/history.ts';

export const PodNameLabel = 'statefulset.kubernetes.io/pod-name';
export const PodIndexLabel = 'apps.kubernetes.io/pod-index';

export function ordinalOf(sts: StatefulSet, p: Pod): number | undefined {
  const prefix = `${sts.metadata?.name ?? ''}-`;
  const name = p.metadata?.name ?? '';
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

export function claimName(sts: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${sts.metadata?.name ?? ''}-${ordinal}`;
}

export function newStatefulPod(sts: StatefulSet, template: PodTemplateSpec, ordinal: number, revision: string): Pod {
  const t = structuredClone(template);
  const name = `${sts.metadata?.name ?? ''}-${ordinal}`;
  const spec = t.spec ?? { containers: [] };
  spec.hostname = name;
  if (sts.spec?.serviceName) spec.subdomain = sts.spec.serviceName;
  const volumes = (spec.volumes ?? []).filter((v) => !(sts.spec?.volumeClaimTemplates ?? []).some((c) => c.metadata?.name === v.name));
  for (const c of sts.spec?.volumeClaimTemplates ?? []) {
    const n = c.metadata?.name ?? '';
    volumes.push({ name: n, persistentVolumeClaim: { claimName: claimName(sts, n, ordinal) } });
  }
  if (volumes.length) spec.volumes = volumes;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: sts.metadata?.namespace, annotations: t.metadata?.annotations,
      labels: { ...t.metadata?.labels, [PodNameLabel]: name, [PodIndexLabel]: String(ordinal), [ControllerRevisionHashLabel]: revision },
      ownerReferences: [newControllerRef(sts, 'apps/v1', 'StatefulSet')],
    },
    spec,
  };
}

export function newClaims(sts: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const selectorLabels = (sts.spec?.selector?.matchLabels ?? {});
  return (sts.spec?.volumeClaimTemplates ?? []).map((c) => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(sts, c.metadata?.name ?? '', ordinal), namespace: sts.metadata?.namespace,
      labels: { ...c.metadata?.labels, ...selectorLabels }, annotations: c.metadata?.annotations,
      // persistentVolumeClaimRetentionPolicy.whenDeleted: Delete → the StatefulSet owns its claims.
      ownerReferences: sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete'
        ? [{ ...newControllerRef(sts, 'apps/v1', 'StatefulSet'), controller: false }] : undefined,
    },
    spec: structuredClone(c.spec ?? {}),
  }));
}
