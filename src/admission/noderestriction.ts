// NodeRestriction: a kubelet (user system:node:<name> in group system:nodes) may only change its
// own Node (not its taints, nor labels outside the kubelet's set) and Lease, create mirror pods
// bound to itself, update the status of and delete or evict pods bound to it
// (plugin/pkg/admission/noderestriction).

import { isDeepStrictEqual } from 'node:util';
import { isObj, obj, objs, str } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';
import type { KubeObject } from '../api/types.ts';
import type { AdmissionAttributes, AdmissionPlugin, UserInfo } from './interface.ts';
import { admissionForbidden, cachedOrLive } from './reader.ts';
import type { ObjectReader } from './reader.ts';
import { MIRROR_POD_ANNOTATION } from './serviceaccount.ts';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The node a user is, '' for a node user whose name says nothing, undefined for non-nodes. */
export function nodeIdentity(u: UserInfo | undefined): string | undefined {
  if (!u || !u.groups.includes('system:nodes')) return undefined;
  return u.name.startsWith('system:node:') ? u.name.slice('system:node:'.length) : '';
}

const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname', 'kubernetes.io/arch', 'kubernetes.io/os', 'beta.kubernetes.io/arch', 'beta.kubernetes.io/os',
  'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region', 'node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

function labelNamespace(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? '' : key.slice(0, i);
}

const inDomain = (ns: string, domain: string): boolean => ns === domain || ns.endsWith(`.${domain}`);

function isKubeletLabel(key: string): boolean {
  if (KUBELET_LABELS.has(key)) return true;
  const ns = labelNamespace(key);
  return KUBELET_LABEL_NAMESPACES.some((d) => inDomain(ns, d));
}

/** Labels a node may not add, change or remove on its own Node object. */
export function forbiddenNodeLabels(next: Record<string, string> = {}, prev: Record<string, string> = {}): string[] {
  const modified = new Set<string>();
  for (const [k, v] of Object.entries(next)) if (prev[k] !== v) modified.add(k);
  for (const [k, v] of Object.entries(prev)) if (next[k] !== v) modified.add(k);
  const out: string[] = [];
  for (const key of modified) {
    const ns = labelNamespace(key);
    const kubernetes = inDomain(ns, 'kubernetes.io') || inDomain(ns, 'k8s.io');
    if (inDomain(ns, 'node-restriction.kubernetes.io') || (kubernetes && !isKubeletLabel(key))) out.push(key);
  }
  return out.sort();
}

export class NodeRestriction implements AdmissionPlugin {
  readonly name = 'NodeRestriction';
  private readonly reader: ObjectReader;
  constructor(reader: ObjectReader) { this.reader = reader; }

  validate(a: AdmissionAttributes): void | Promise<void> {
    const node = nodeIdentity(a.user);
    // Only nodes are restricted: nothing to wait for otherwise.
    if (node === undefined) return;
    return this.validateNode(node, a);
  }

  private async validateNode(node: string, a: AdmissionAttributes): Promise<void> {
    if (node === '') throw admissionForbidden(a, `could not determine node from user "${a.user?.name ?? ''}"`);
    const gr = `${a.type.group}/${a.type.resource}`;
    switch (gr) {
      case '/pods':
        if (a.subresource === '') return this.pod(node, a);
        if (a.subresource === 'status') return podStatus(node, a);
        if (a.subresource === 'eviction') return this.eviction(node, a);
        throw admissionForbidden(a, `unexpected pod subresource "${a.subresource}", only 'status' and 'eviction' are allowed`);
      case '/nodes': return nodeWrite(node, a);
      case '/persistentvolumeclaims':
        if (a.subresource !== 'status') throw admissionForbidden(a, 'may only update PVC status');
        return claimStatus(node, a);
      case '/serviceaccounts': return this.tokenRequest(node, a);
      case 'coordination.k8s.io/leases': return lease(node, a);
      case 'storage.k8s.io/csinodes': {
        const name = a.operation === 'CREATE' ? a.object?.metadata.name : a.name;
        if (name !== node) throw admissionForbidden(a, 'can only access CSINode with the same name as the requesting node');
        return;
      }
    }
  }

  private async pod(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.operation === 'CREATE' && a.object) return this.mirrorPod(node, a, a.object);
    if (a.operation === 'DELETE') {
      const pod = a.oldObject ?? this.reader.get('', 'pods', a.namespace, a.name);
      if (str(obj(pod?.spec).nodeName) !== node) throw admissionForbidden(a, `node "${node}" can only delete pods with spec.nodeName set to itself`);
      return;
    }
    throw admissionForbidden(a, `unexpected operation "${a.operation}", node "${node}" can only create and delete mirror pods`);
  }

  private async mirrorPod(node: string, a: AdmissionAttributes, pod: KubeObject): Promise<void> {
    const deny = (why: string): never => { throw admissionForbidden(a, why); };
    if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] === undefined) {
      deny(`pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${node}" can only create mirror pods`);
    }
    const spec = obj(pod.spec);
    if (str(spec.nodeName) !== node) deny(`node "${node}" can only create pods with spec.nodeName set to itself`);
    const owners = pod.metadata.ownerReferences ?? [];
    if (owners.length > 1) deny(`node "${node}" can only create pods with a single owner reference set to itself`);
    const owner = owners[0];
    if (!owner) return deny(`node "${node}" can only create pods with an owner reference set to itself`);
    if (owner.apiVersion !== 'v1' || owner.kind !== 'Node' || owner.name !== node) deny(`node "${node}" can only create pods with an owner reference set to itself`);
    if (owner.controller !== true) deny(`node "${node}" can only create pods with a controller owner reference set to itself`);
    if (owner.blockOwnerDeletion === true) deny(`node "${node}" must not set blockOwnerDeletion on an owner reference`);
    const nodeObj = await cachedOrLive(this.reader, '', 'nodes', '', node);
    if (!nodeObj) deny(`error looking up node ${node} to verify uid: nodes "${node}" not found`);
    if (nodeObj && owner.uid !== nodeObj.metadata.uid) deny(`node ${node} UID mismatch: expected ${owner.uid} got ${nodeObj.metadata.uid ?? ''}`);
    if (str(spec.serviceAccountName)) deny(`node "${node}" can not create pods that reference a service account`);
    const refs = podReferences(spec);
    if (refs.secrets) deny(`node "${node}" can not create pods that reference secrets`);
    if (refs.configMaps) deny(`node "${node}" can not create pods that reference configmaps`);
    if (refs.trustBundles) deny(`node "${node}" can not create pods that reference clustertrustbundles`);
    if (refs.claims) deny(`node "${node}" can not create pods that reference persistentvolumeclaims`);
  }

  private async eviction(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE') throw admissionForbidden(a, `unexpected operation ${a.operation}`);
    const podName = a.name || (a.object?.metadata.name ?? '');
    if (!podName) throw admissionForbidden(a, 'could not determine pod from request data');
    const pod = await cachedOrLive(this.reader, '', 'pods', a.namespace, podName);
    if (!pod) throw admissionForbidden(a, `pods "${podName}" not found`);
    if (str(obj(pod.spec).nodeName) !== node) throw admissionForbidden(a, `node ${node} can only evict pods with spec.nodeName set to itself`);
  }

  private async tokenRequest(node: string, a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' || a.subresource !== 'token') return;
    const ref = obj(obj(a.object?.spec).boundObjectRef);
    if (ref.apiVersion !== 'v1' || ref.kind !== 'Pod' || !str(ref.name)) throw admissionForbidden(a, 'node requested token not bound to a pod');
    if (!str(ref.uid)) throw admissionForbidden(a, 'node requested token with a pod binding without a uid');
    const pod = await cachedOrLive(this.reader, '', 'pods', a.namespace, str(ref.name));
    if (!pod) throw admissionForbidden(a, `pods "${str(ref.name)}" not found`);
    if (str(ref.uid) !== pod.metadata.uid) {
      throw admissionForbidden(a, `the UID in the bound object reference (${str(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
    if (str(obj(pod.spec).nodeName) !== node) throw admissionForbidden(a, 'node requested token bound to a pod scheduled on a different node');
  }
}

function podStatus(node: string, a: AdmissionAttributes): void {
  if (a.operation !== 'UPDATE' || !a.oldObject || !a.object) throw admissionForbidden(a, `unexpected operation "${a.operation}"`);
  if (str(obj(a.oldObject.spec).nodeName) !== node) {
    throw admissionForbidden(a, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
  }
  if (!isDeepStrictEqual(a.oldObject.metadata.labels ?? {}, a.object.metadata.labels ?? {})) {
    throw admissionForbidden(a, `node "${node}" cannot update labels through pod status`);
  }
}

function nodeWrite(node: string, a: AdmissionAttributes): void {
  const name = a.operation === 'CREATE' ? (a.object?.metadata.name ?? a.name) : a.name;
  if (name !== node) throw admissionForbidden(a, `node "${node}" is not allowed to modify node "${name}"`);
  if (a.operation === 'CREATE' && a.object) {
    if (obj(a.object.spec).configSource !== undefined) throw admissionForbidden(a, `node "${node}" is not allowed to create pods with a non-nil configSource`);
    const bad = forbiddenNodeLabels(a.object.metadata.labels);
    if (bad.length > 0) throw admissionForbidden(a, `node "${node}" is not allowed to set the following labels: ${bad.join(', ')}`);
  }
  if (a.operation === 'UPDATE' && a.object && a.oldObject) {
    const spec = obj(a.object.spec);
    const old = obj(a.oldObject.spec);
    if (spec.configSource !== undefined && !isDeepStrictEqual(spec.configSource, old.configSource)) {
      throw admissionForbidden(a, `node "${node}" is not allowed to update configSource to a new non-nil configSource`);
    }
    if (!isDeepStrictEqual(spec.taints ?? [], old.taints ?? [])) throw admissionForbidden(a, `node "${node}" is not allowed to modify taints`);
    const bad = forbiddenNodeLabels(a.object.metadata.labels, a.oldObject.metadata.labels);
    if (bad.length > 0) throw admissionForbidden(a, `is not allowed to modify labels: ${bad.join(', ')}`);
  }
}

function claimStatus(node: string, a: AdmissionAttributes): void {
  if (a.operation !== 'UPDATE' || !a.object || !a.oldObject) throw admissionForbidden(a, `unexpected operation "${a.operation}"`);
  const strip = (o: KubeObject): unknown => {
    const { resourceVersion: _rv, managedFields: _mf, ...meta } = o.metadata;
    const { capacity: _c, conditions: _k, allocatedResources: _ar, allocatedResourceStatuses: _ars, ...status } = obj(o.status);
    return { ...o, metadata: meta, status };
  };
  if (!isDeepStrictEqual(strip(a.oldObject), strip(a.object))) {
    throw admissionForbidden(a, `node "${node}" is not allowed to update fields other than status.quantity and status.conditions`);
  }
}

function lease(node: string, a: AdmissionAttributes): void {
  if (a.namespace !== NODE_LEASE_NAMESPACE) throw admissionForbidden(a, `can only access leases in the "${NODE_LEASE_NAMESPACE}" system namespace`);
  const name = a.operation === 'CREATE' ? a.object?.metadata.name : a.name;
  if (name !== node) throw admissionForbidden(a, 'can only access node lease with the same name as the requesting node');
}

/** Which other API objects a pod spec references (upstream's VisitPodSecretNames and friends). */
function podReferences(spec: Obj): { secrets: boolean; configMaps: boolean; claims: boolean; trustBundles: boolean } {
  const r = { secrets: objs(spec.imagePullSecrets).length > 0, configMaps: false, claims: false, trustBundles: false };
  for (const v of objs(spec.volumes)) {
    if (isObj(v.secret)) r.secrets = true;
    if (isObj(v.configMap)) r.configMaps = true;
    if (isObj(v.persistentVolumeClaim)) r.claims = true;
    for (const k of ['azureFile', 'cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos', 'csi']) {
      if (isObj(v[k]) && (isObj(obj(v[k]).secretRef) || isObj(obj(v[k]).nodePublishSecretRef) || str(obj(v[k]).secretName))) r.secrets = true;
    }
    for (const s of objs(obj(v.projected).sources)) {
      if (isObj(s.secret)) r.secrets = true;
      if (isObj(s.configMap)) r.configMaps = true;
      if (isObj(s.clusterTrustBundle)) r.trustBundles = true;
    }
  }
  const containers = [...objs(spec.initContainers), ...objs(spec.containers), ...objs(spec.ephemeralContainers)];
  for (const c of containers) {
    for (const e of objs(c.envFrom)) {
      if (isObj(e.secretRef)) r.secrets = true;
      if (isObj(e.configMapRef)) r.configMaps = true;
    }
    for (const e of objs(c.env)) {
      const from = obj(e.valueFrom);
      if (isObj(from.secretKeyRef)) r.secrets = true;
      if (isObj(from.configMapKeyRef)) r.configMaps = true;
    }
  }
  return r;
}
