// What a pod and a persistent volume point at, as upstream's podutil.VisitPodSecretNames /
// VisitPodConfigmapNames and pv.VisitPVSecretNames: the edges of the node authorizer's graph.

import type { KubeObject } from '../../api/types.ts';

export type VertexType = 'secret' | 'configmap' | 'serviceaccount' | 'pvc' | 'pv';

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Obj : undefined);
const asArr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj).filter((x): x is Obj => x !== undefined) : []);
const asStr = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The key of a vertex in the graph. */
export function vertexKey(type: VertexType, namespace: string, name: string): string {
  return `${type}/${namespace}/${name}`;
}

// Volume sources that name a secret in the pod's namespace through `secretRef.name`.
const SECRET_REF_VOLUMES = ['cephfs', 'cinder', 'flexVolume', 'iscsi', 'rbd', 'scaleIO', 'storageos'];

function containersOf(spec: Obj): Obj[] {
  return [...asArr(spec['initContainers']), ...asArr(spec['containers']), ...asArr(spec['ephemeralContainers'])];
}

/** The secrets, config maps, PVCs and service account a pod references (vertex keys, deduplicated). */
export function podReferences(pod: KubeObject): string[] {
  const ns = pod.metadata.namespace ?? '';
  const podName = pod.metadata.name ?? '';
  const spec = asObj(pod['spec']) ?? {};
  const out = new Set<string>();
  const add = (type: VertexType, name: string): void => { if (name) out.add(vertexKey(type, ns, name)); };

  add('serviceaccount', asStr(spec['serviceAccountName']));
  for (const s of asArr(spec['imagePullSecrets'])) add('secret', asStr(s['name']));
  for (const c of containersOf(spec)) {
    for (const e of asArr(c['env'])) {
      const from = asObj(e['valueFrom']);
      add('secret', asStr(asObj(from?.['secretKeyRef'])?.['name']));
      add('configmap', asStr(asObj(from?.['configMapKeyRef'])?.['name']));
    }
    for (const e of asArr(c['envFrom'])) {
      add('secret', asStr(asObj(e['secretRef'])?.['name']));
      add('configmap', asStr(asObj(e['configMapRef'])?.['name']));
    }
  }
  for (const v of asArr(spec['volumes'])) {
    add('secret', asStr(asObj(v['secret'])?.['secretName']));
    add('configmap', asStr(asObj(v['configMap'])?.['name']));
    for (const src of asArr(asObj(v['projected'])?.['sources'])) {
      add('secret', asStr(asObj(src['secret'])?.['name']));
      add('configmap', asStr(asObj(src['configMap'])?.['name']));
    }
    add('secret', asStr(asObj(v['azureFile'])?.['secretName']));
    for (const kind of SECRET_REF_VOLUMES) add('secret', asStr(asObj(asObj(v[kind])?.['secretRef'])?.['name']));
    add('secret', asStr(asObj(asObj(v['csi'])?.['nodePublishSecretRef'])?.['name']));
    add('pvc', asStr(asObj(v['persistentVolumeClaim'])?.['claimName']));
    // A generic ephemeral volume's claim is named <pod>-<volume> (upstream's ephemeral.VolumeClaimName).
    if (asObj(v['ephemeral'])) add('pvc', `${podName}-${asStr(v['name'])}`);
  }
  return [...out];
}

/** The secrets a persistent volume references (vertex keys), in the namespaces its sources name. */
export function persistentVolumeSecrets(pv: KubeObject): string[] {
  const spec = asObj(pv['spec']) ?? {};
  const claimNamespace = asStr(asObj(spec['claimRef'])?.['namespace']);
  const out = new Set<string>();
  const ref = (r: Obj | undefined, defaultNamespace = ''): void => {
    const name = asStr(r?.['name']);
    const ns = asStr(r?.['namespace']) || defaultNamespace;
    if (name && ns) out.add(vertexKey('secret', ns, name));
  };
  const csi = asObj(spec['csi']);
  for (const k of ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodeExpandSecretRef', 'nodePublishSecretRef', 'nodeStageSecretRef']) ref(asObj(csi?.[k]));
  const azure = asObj(spec['azureFile']);
  if (azure) ref({ name: azure['secretName'], namespace: azure['secretNamespace'] }, claimNamespace);
  for (const kind of SECRET_REF_VOLUMES) {
    // Some of these sources' secretRef is a LocalObjectReference in the claim's namespace.
    ref(asObj(asObj(spec[kind])?.['secretRef']), claimNamespace);
  }
  return [...out];
}
