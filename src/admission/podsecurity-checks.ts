// The Pod Security Standards checks (k8s.io/pod-security-admission/policy): each returns a
// forbidden reason and detail, in upstream's order (baseline checks, then restricted ones).

import { isObj, num, obj, objs, str, strs } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';

export type Level = 'privileged' | 'baseline' | 'restricted';

export interface CheckResult { reason: string; detail: string }
type Check = (meta: Obj, spec: Obj) => CheckResult | undefined;

const plural = (one: string, many: string, n: number): string => (n === 1 ? one : many);
const joinQuote = (xs: string[]): string => xs.map((x) => JSON.stringify(x)).join(', ');
const containersPhrase = (names: string[]): string => `${plural('container', 'containers', names.length)} ${joinQuote(names)}`;

interface Named { name: string; sc: Obj; c: Obj }

function containers(spec: Obj): Named[] {
  return [...objs(spec.initContainers), ...objs(spec.containers), ...objs(spec.ephemeralContainers)]
    .map((c) => ({ name: str(c.name), sc: obj(c.securityContext), c }));
}

const sorted = (s: Set<string>): string[] => [...s].sort();

const appArmorProfile: Check = (meta, spec) => {
  const bad = new Set<string>();
  const okType = (t: string): boolean => t === '' || t === 'RuntimeDefault' || t === 'Localhost';
  const podType = str(obj(obj(spec.securityContext).appArmorProfile).type);
  if (!okType(podType)) bad.add(`pod must not set securityContext.appArmorProfile.type to ${JSON.stringify(podType)}`);
  for (const c of containers(spec)) {
    const t = str(obj(c.sc.appArmorProfile).type);
    if (!okType(t)) bad.add(`container ${JSON.stringify(c.name)} must not set securityContext.appArmorProfile.type to ${JSON.stringify(t)}`);
  }
  for (const [k, v] of Object.entries(obj(meta.annotations))) {
    if (!k.startsWith('container.apparmor.security.beta.kubernetes.io/')) continue;
    const val = str(v);
    if (val !== '' && val !== 'runtime/default' && !val.startsWith('localhost/')) bad.add(`${k}=${JSON.stringify(val)}`);
  }
  if (bad.size === 0) return undefined;
  return { reason: plural('forbidden AppArmor profile', 'forbidden AppArmor profiles', bad.size), detail: sorted(bad).join(', ') };
};

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

const capabilitiesBaseline: Check = (_m, spec) => {
  const bad: string[] = [];
  const caps = new Set<string>();
  for (const c of containers(spec)) {
    const added = strs(obj(c.sc.capabilities).add).filter((x) => !BASELINE_CAPABILITIES.has(x));
    if (added.length === 0) continue;
    bad.push(c.name);
    for (const x of added) caps.add(x);
  }
  if (bad.length === 0) return undefined;
  return { reason: 'non-default capabilities', detail: `${containersPhrase(bad)} must not include ${joinQuote(sorted(caps))} in securityContext.capabilities.add` };
};

const hostNamespaces: Check = (_m, spec) => {
  const on = ['hostIPC', 'hostNetwork', 'hostPID'].filter((k) => spec[k] === true);
  return on.length === 0 ? undefined : { reason: 'host namespaces', detail: on.map((k) => `${k}=true`).join(', ') };
};

const hostPathVolumes: Check = (_m, spec) => {
  const bad = objs(spec.volumes).filter((v) => isObj(v.hostPath)).map((v) => str(v.name));
  return bad.length === 0 ? undefined : { reason: 'hostPath volumes', detail: `${plural('volume', 'volumes', bad.length)} ${joinQuote(bad)}` };
};

const hostPorts: Check = (_m, spec) => {
  const bad: string[] = [];
  const ports = new Set<number>();
  for (const c of containers(spec)) {
    const used = objs(c.c.ports).map((p) => num(p.hostPort) ?? 0).filter((p) => p !== 0);
    if (used.length === 0) continue;
    bad.push(c.name);
    for (const p of used) ports.add(p);
  }
  if (bad.length === 0) return undefined;
  const list = [...ports].map(String).sort();
  return { reason: 'hostPort', detail: `${containersPhrase(bad)} ${plural('uses', 'use', bad.length)} ${plural('hostPort', 'hostPorts', list.length)} ${list.join(', ')}` };
};

const privileged: Check = (_m, spec) => {
  const bad = containers(spec).filter((c) => c.sc.privileged === true).map((c) => c.name);
  return bad.length === 0 ? undefined : { reason: 'privileged', detail: `${containersPhrase(bad)} must not set securityContext.privileged=true` };
};

const procMount: Check = (_m, spec) => {
  const bad: string[] = [];
  const values = new Set<string>();
  for (const c of containers(spec)) {
    const v = str(c.sc.procMount);
    if (v === '' || v === 'Default') continue;
    bad.push(c.name);
    values.add(v);
  }
  return bad.length === 0 ? undefined : { reason: 'procMount', detail: `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sorted(values))}` };
};

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

const seLinuxOptions: Check = (_m, spec) => {
  const setters: string[] = [];
  const types = new Set<string>();
  let user = false;
  let role = false;
  const inspect = (o: Obj): boolean => {
    let bad = false;
    const t = str(o.type);
    if (!SELINUX_TYPES.has(t)) { types.add(t); bad = true; }
    if (str(o.user)) { user = true; bad = true; }
    if (str(o.role)) { role = true; bad = true; }
    return bad;
  };
  const podOpts = obj(spec.securityContext).seLinuxOptions;
  if (isObj(podOpts) && inspect(podOpts)) setters.push('pod');
  const bad = containers(spec).filter((c) => isObj(c.sc.seLinuxOptions) && inspect(c.sc.seLinuxOptions)).map((c) => c.name);
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length === 0) return undefined;
  const data: string[] = [];
  if (types.size > 0) data.push(`${plural('type', 'types', types.size)} ${joinQuote(sorted(types))}`);
  if (user) data.push('user may not be set');
  if (role) data.push('role may not be set');
  return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
};

const validSeccomp = (t: string): boolean => t === 'RuntimeDefault' || t === 'Localhost';

const seccompBaseline: Check = (_m, spec) => {
  const setters: string[] = [];
  const values = new Set<string>();
  const podProfile = obj(spec.securityContext).seccompProfile;
  if (isObj(podProfile) && !validSeccomp(str(podProfile.type))) { setters.push('pod'); values.add(str(podProfile.type)); }
  const bad = containers(spec).filter((c) => isObj(c.sc.seccompProfile) && !validSeccomp(str(obj(c.sc.seccompProfile).type)));
  for (const c of bad) values.add(str(obj(c.sc.seccompProfile).type));
  if (bad.length > 0) setters.push(containersPhrase(bad.map((c) => c.name)));
  if (setters.length === 0) return undefined;
  return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values))}` };
};

const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']);

const sysctls: Check = (_m, spec) => {
  const bad = objs(obj(spec.securityContext).sysctls).map((s) => str(s.name)).filter((n) => !SAFE_SYSCTLS.has(n));
  return bad.length === 0 ? undefined : { reason: 'forbidden sysctls', detail: bad.join(', ') };
};

const windowsHostProcess: Check = (_m, spec) => {
  const setters: string[] = [];
  if (obj(obj(spec.securityContext).windowsOptions).hostProcess === true) setters.push('pod');
  const bad = containers(spec).filter((c) => obj(c.sc.windowsOptions).hostProcess === true).map((c) => c.name);
  if (bad.length > 0) setters.push(containersPhrase(bad));
  return setters.length === 0 ? undefined
    : { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` };
};

// Restricted.

const isWindows = (spec: Obj): boolean => str(obj(spec.os).name) === 'windows';

const allowPrivilegeEscalation: Check = (_m, spec) => {
  if (isWindows(spec)) return undefined;
  const bad = containers(spec).filter((c) => c.sc.allowPrivilegeEscalation !== false).map((c) => c.name);
  return bad.length === 0 ? undefined
    : { reason: 'allowPrivilegeEscalation != false', detail: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false` };
};

const capabilitiesRestricted: Check = (_m, spec) => {
  if (isWindows(spec)) return undefined;
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps = new Set<string>();
  for (const c of containers(spec)) {
    const capsObj = c.sc.capabilities;
    if (!isObj(capsObj)) { missingDrop.push(c.name); continue; }
    if (!strs(capsObj.drop).includes('ALL')) missingDrop.push(c.name);
    const added = strs(capsObj.add).filter((x) => x !== 'NET_BIND_SERVICE');
    if (added.length > 0) { adding.push(c.name); for (const x of added) caps.add(x); }
  }
  const details: string[] = [];
  if (missingDrop.length > 0) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0) details.push(`${containersPhrase(adding)} must not include ${joinQuote(sorted(caps))} in securityContext.capabilities.add`);
  return details.length === 0 ? undefined : { reason: 'unrestricted capabilities', detail: details.join('; ') };
};

const ALLOWED_RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const VOLUME_TYPES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos', 'image'];

const restrictedVolumes: Check = (_m, spec) => {
  const bad: string[] = [];
  const types = new Set<string>();
  for (const v of objs(spec.volumes)) {
    if (ALLOWED_RESTRICTED_VOLUMES.some((k) => isObj(v[k]))) continue;
    bad.push(str(v.name));
    types.add(VOLUME_TYPES.find((k) => isObj(v[k])) ?? 'unknown');
  }
  if (bad.length === 0) return undefined;
  return {
    reason: 'restricted volume types',
    detail: `${plural('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${plural('uses', 'use', bad.length)} ${plural('restricted volume type', 'restricted volume types', types.size)} ${joinQuote(sorted(types))}`,
  };
};

const runAsNonRoot: Check = (_m, spec) => {
  const podValue = obj(spec.securityContext).runAsNonRoot;
  const setters: string[] = [];
  if (podValue === false) setters.push('pod');
  const explicitBad: string[] = [];
  const implicitBad: string[] = [];
  for (const c of containers(spec)) {
    if (c.sc.runAsNonRoot === false) explicitBad.push(c.name);
    else if (c.sc.runAsNonRoot !== true && podValue !== true) implicitBad.push(c.name);
  }
  if (explicitBad.length > 0) setters.push(containersPhrase(explicitBad));
  if (setters.length > 0) return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  if (implicitBad.length > 0) {
    return { reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicitBad)} must set securityContext.runAsNonRoot=true` };
  }
  return undefined;
};

const runAsUser: Check = (_m, spec) => {
  const setters: string[] = [];
  if (num(obj(spec.securityContext).runAsUser) === 0) setters.push('pod');
  const bad = containers(spec).filter((c) => num(c.sc.runAsUser) === 0).map((c) => c.name);
  if (bad.length > 0) setters.push(containersPhrase(bad));
  return setters.length === 0 ? undefined : { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` };
};

const seccompRestricted: Check = (_m, spec) => {
  const setters: string[] = [];
  const values = new Set<string>();
  let podSet = false;
  const podProfile = obj(spec.securityContext).seccompProfile;
  if (isObj(podProfile)) {
    if (!validSeccomp(str(podProfile.type))) { setters.push('pod'); values.add(str(podProfile.type)); } else podSet = true;
  }
  const explicitBad: string[] = [];
  const implicitBad: string[] = [];
  for (const c of containers(spec)) {
    if (isObj(c.sc.seccompProfile)) {
      const t = str(c.sc.seccompProfile.type);
      if (!validSeccomp(t)) { explicitBad.push(c.name); values.add(t); }
    } else if (!podSet) {
      implicitBad.push(c.name);
    }
  }
  if (explicitBad.length > 0) setters.push(containersPhrase(explicitBad));
  if (setters.length > 0) {
    return { reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sorted(values))}` };
  }
  if (implicitBad.length > 0) {
    return { reason: 'seccompProfile', detail: `pod or ${containersPhrase(implicitBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
  }
  return undefined;
};

const BASELINE: Check[] = [appArmorProfile, capabilitiesBaseline, hostNamespaces, hostPathVolumes, hostPorts, privileged, procMount,
  seLinuxOptions, seccompBaseline, sysctls, windowsHostProcess];
/** Restricted runs the baseline checks it does not replace (hostPath by volume types, seccomp), then its own. */
const RESTRICTED: Check[] = [
  ...BASELINE.filter((c) => c !== hostPathVolumes && c !== seccompBaseline),
  allowPrivilegeEscalation, capabilitiesRestricted, restrictedVolumes, runAsNonRoot, runAsUser, seccompRestricted,
];

/** The failed checks of a pod (metadata and spec) at a level, in upstream's order. */
export function evaluatePod(level: Level, meta: Obj, spec: Obj): CheckResult[] {
  if (level === 'privileged') return [];
  const checks = level === 'baseline' ? BASELINE : RESTRICTED;
  return checks.map((c) => c(meta, spec)).filter((r): r is CheckResult => r !== undefined);
}

/** "reason (detail), reason2 (detail2)", as upstream's AggregateCheckResult.ForbiddenDetail(). */
export function describe(results: CheckResult[]): string {
  return results.map((r) => (r.detail ? `${r.reason} (${r.detail})` : r.reason)).join(', ');
}
