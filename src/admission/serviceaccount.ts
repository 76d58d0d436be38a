// ServiceAccount: pods run as `default` unless they name a ServiceAccount, which must exist; the
// projected API-access volume (token, cluster CA, namespace) is mounted into every container
// unless automountServiceAccountToken is false (plugin/pkg/admission/serviceaccount).

import { randomInt } from 'node:crypto';
import { child, isObj, obj, objs, str } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';
import type { KubeObject } from '../api/types.ts';
import { hook } from './interface.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';
import { admissionForbidden, cachedOrLive, isPod, whenRead } from './reader.ts';
import type { ObjectReader } from './reader.ts';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** Bound tokens live slightly over an hour so clients that only warn on old tokens are noticed (upstream). */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 3607;
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** upstream's utilrand.String(n): no vowels, so no words. */
export function randomSuffix(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += RAND_ALPHABET[randomInt(RAND_ALPHABET.length)];
  return s;
}

/** The projected volume source with its API defaults filled in (objects arrive defaulted). */
export function tokenVolumeSource(): Obj {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

export class ServiceAccountAdmission implements AdmissionPlugin {
  readonly name = 'ServiceAccount';
  private readonly reader: ObjectReader;
  constructor(reader: ObjectReader) { this.reader = reader; }

  admit(a: AdmissionAttributes): void | Promise<void> {
    return hook(() => {
      if (!isPod(a) || a.operation !== 'CREATE' || a.subresource || !a.object) return;
      const pod = a.object;
      const spec = child(pod, 'spec');
      if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
        checkMirrorPod(a, spec);
        return;
      }
      if (!str(spec.serviceAccountName)) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
      const saName = str(spec.serviceAccountName);
      spec.serviceAccount = saName;
      // The cache may not have a just-created account yet: a live read then, as upstream.
      return whenRead(cachedOrLive(this.reader, '', 'serviceaccounts', a.namespace, saName), (sa) => { mountFor(a, spec, saName, sa); });
    });
  }
}

/** Mounts the API-access volume for ServiceAccount sa (undefined: it does not exist) unless it opts out. */
function mountFor(a: AdmissionAttributes, spec: Obj, saName: string, sa: KubeObject | undefined): void {
  if (!sa) {
    throw admissionForbidden(a, `error looking up service account ${a.namespace}/${saName}: serviceaccount "${saName}" not found`);
  }
  if (shouldAutomount(sa, spec)) mountToken(spec);
}

function shouldAutomount(sa: KubeObject, spec: Obj): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  if (typeof sa.automountServiceAccountToken === 'boolean') return sa.automountServiceAccountToken;
  return true;
}

function allContainers(spec: Obj): Obj[] {
  return [...objs(spec.initContainers), ...objs(spec.containers)];
}

function mountToken(spec: Obj): void {
  const containers = allContainers(spec);
  // A container that mounts something at the token path itself keeps it.
  const mountsPath = (c: Obj): boolean => objs(c.volumeMounts).some((m) => m.mountPath === TOKEN_MOUNT_PATH);
  let volumeName = '';
  for (const c of containers) {
    if (mountsPath(c)) continue;
    if (!volumeName) {
      const taken = new Set(objs(spec.volumes).map((v) => str(v.name)));
      do volumeName = `kube-api-access-${randomSuffix(5)}`; while (taken.has(volumeName));
      const volumes = Array.isArray(spec.volumes) ? spec.volumes as unknown[] : [];
      volumes.push({ name: volumeName, projected: tokenVolumeSource() });
      spec.volumes = volumes;
    }
    const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts as unknown[] : [];
    mounts.push({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
    c.volumeMounts = mounts;
  }
}

/** Mirror pods (static pods a kubelet reports) may not reference API objects (upstream). */
function checkMirrorPod(a: AdmissionAttributes, spec: Obj): void {
  if (str(spec.serviceAccountName)) throw admissionForbidden(a, 'a mirror pod may not reference service accounts');
  for (const v of objs(spec.volumes)) {
    if (isObj(v.secret)) throw admissionForbidden(a, `volume ${str(v.name)} has secret volume source, which is not allowed in mirror pods`);
    if (isObj(v.projected)) {
      for (const s of objs(obj(v.projected).sources)) {
        if (isObj(s.secret)) throw admissionForbidden(a, `volume ${str(v.name)} has secret volume source, which is not allowed in mirror pods`);
        if (isObj(s.serviceAccountToken)) throw admissionForbidden(a, `volume ${str(v.name)} has serviceAccountToken volume source, which is not allowed in mirror pods`);
      }
    }
  }
}
