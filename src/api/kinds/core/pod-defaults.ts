// Upstream's core/v1 defaulting of pods and pod templates (pkg/apis/core/v1/defaults.go).

import { child, isObj, obj, objs, setDefault, setDefaultString, type Obj } from '../access.ts';

/** imagePullPolicy: Always for ':latest' or an untagged image (digests count as tagged), else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tail = image.slice(lastSlash + 1);
  const colon = tail.lastIndexOf(':');
  if (colon < 0) return 'Always';
  return tail.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHandler(h: unknown): void {
  if (!isObj(h)) return;
  if (isObj(h.httpGet)) {
    setDefaultString(h.httpGet, 'path', '/');
    setDefaultString(h.httpGet, 'scheme', 'HTTP');
  }
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  setDefault(p, 'timeoutSeconds', 1);
  setDefault(p, 'periodSeconds', 10);
  setDefault(p, 'successThreshold', 1);
  setDefault(p, 'failureThreshold', 3);
  defaultHandler(p);
  if (isObj(p.grpc)) setDefault(p.grpc, 'service', '');
}

function defaultEnv(env: unknown): void {
  for (const e of objs(env)) {
    const from = obj(e.valueFrom);
    if (isObj(from.fieldRef)) setDefaultString(from.fieldRef, 'apiVersion', 'v1');
  }
}

/** Container defaults (SetDefaults_Container, ports, probes, lifecycle handlers, env). */
export function defaultContainer(c: Obj): void {
  if (typeof c.image === 'string' && c.image !== '') setDefaultString(c, 'imagePullPolicy', defaultPullPolicy(c.image));
  setDefaultString(c, 'terminationMessagePath', '/dev/termination-log');
  setDefaultString(c, 'terminationMessagePolicy', 'File');
  for (const p of objs(c.ports)) setDefaultString(p, 'protocol', 'TCP');
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lc = obj(c.lifecycle);
  defaultHandler(lc.postStart);
  defaultHandler(lc.preStop);
  defaultEnv(c.env);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

/** Volume defaults: emptyDir when no source, defaultMode 0644 (420), hostPath type "". */
export function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[k])) setDefault(v[k], 'defaultMode', 420);
  }
  if (isObj(v.hostPath)) setDefault(v.hostPath, 'type', '');
  if (isObj(v.downwardAPI)) for (const i of objs(v.downwardAPI.items)) if (isObj(i.fieldRef)) setDefaultString(i.fieldRef, 'apiVersion', 'v1');
  if (isObj(v.projected)) {
    for (const s of objs(v.projected.sources)) {
      const da = obj(s.downwardAPI);
      for (const i of objs(da.items)) if (isObj(i.fieldRef)) setDefaultString(i.fieldRef, 'apiVersion', 'v1');
      if (isObj(s.serviceAccountToken)) setDefault(s.serviceAccountToken, 'expirationSeconds', 3600);
    }
  }
  if (isObj(v.iscsi)) setDefaultString(v.iscsi, 'iscsiInterface', 'default');
}

/** PodSpec defaults shared by pods and every pod template (SetDefaults_PodSpec and children). */
export function defaultPodSpec(spec: Obj): void {
  setDefaultString(spec, 'dnsPolicy', 'ClusterFirst');
  setDefaultString(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefaultString(spec, 'schedulerName', 'default-scheduler');
  // The deprecated serviceAccount field mirrors serviceAccountName (v1 conversion).
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount) {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of objs(spec.initContainers)) defaultContainer(c);
  for (const c of objs(spec.containers)) defaultContainer(c);
  for (const c of objs(spec.ephemeralContainers)) defaultContainer(c);
  for (const v of objs(spec.volumes)) defaultVolume(v);
  if (spec.hostNetwork === true) {
    // With host networking a container port is a host port.
    for (const c of [...objs(spec.initContainers), ...objs(spec.containers)]) {
      for (const p of objs(c.ports)) setDefault(p, 'hostPort', p.containerPort);
    }
  }
}

/** Requests default to limits when only limits are set (SetDefaults_Pod). */
function defaultRequestsFromLimits(c: Obj): void {
  const res = obj(c.resources);
  if (!isObj(res.limits)) return;
  const requests = child(res, 'requests');
  for (const [k, v] of Object.entries(res.limits)) if (requests[k] === undefined) requests[k] = v;
}

/** Pod defaults: the PodSpec ones plus those upstream applies to Pods only. */
export function defaultPod(pod: Obj): void {
  const spec = child(pod, 'spec');
  defaultPodSpec(spec);
  for (const c of [...objs(spec.initContainers), ...objs(spec.containers)]) defaultRequestsFromLimits(c);
  setDefault(spec, 'enableServiceLinks', true);
}

/** Defaults of a PodTemplateSpec held at parent[key] (e.g. a Deployment's spec.template). */
export function defaultTemplate(parent: Obj, key = 'template'): void {
  const tpl = parent[key];
  if (!isObj(tpl)) return;
  if (isObj(tpl.spec)) defaultPodSpec(tpl.spec);
}

export function templateLabels(parent: Obj, key = 'template'): Record<string, string> {
  const md = obj(obj(parent[key]).metadata);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(md.labels))) if (typeof v === 'string') out[k] = v;
  return out;
}

