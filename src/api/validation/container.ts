// Container validation (pkg/apis/core/validation: validateContainers and helpers).

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import { canonicalize, compareQuantity } from '../quantity.ts';
import type { Quantity } from '../quantity.ts';
import {
  arr, enumField, has, inRange, MAX_INT32, nameErrors, nonNegative, nonNegativeQuantity, notFound, num, obj, str,
} from './common.ts';
import type { Obj } from './common.ts';
import { isDNS1123Label, isEnvVarName, isQualifiedName, isValidPortName, isValidPortNum } from './names.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

export function validateContainerPorts(ports: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const ip = `${path}[${i}]`;
    const name = str(p, 'name');
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => field.invalid(`${ip}.name`, name, m)));
      else if (names.has(name)) errs.push(field.duplicate(`${ip}.name`, name));
      else names.add(name);
    }
    const cp = num(p, 'containerPort');
    if (!cp) errs.push(field.required(`${ip}.containerPort`, ''));
    else errs.push(...isValidPortNum(cp).map((m) => field.invalid(`${ip}.containerPort`, cp, m)));
    const hp = num(p, 'hostPort');
    if (hp) errs.push(...isValidPortNum(hp).map((m) => field.invalid(`${ip}.hostPort`, hp, m)));
    errs.push(...enumField(str(p, 'protocol'), PROTOCOLS, `${ip}.protocol`));
  });
  return errs;
}

export function validateEnv(env: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((e, i) => {
    const ip = `${path}[${i}]`;
    const name = str(e, 'name') ?? '';
    if (!name) errs.push(field.required(`${ip}.name`, ''));
    else errs.push(...nameErrors(isEnvVarName, name, `${ip}.name`));
    if (!has(e, 'valueFrom')) return;
    const from = obj(e, 'valueFrom');
    const vp = `${ip}.valueFrom`;
    const set = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => has(from, k));
    if (set.length === 0) errs.push(field.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (set.length > 1) errs.push(field.invalid(vp, '', 'may not have more than one field specified at a time'));
    else if (str(e, 'value')) errs.push(field.invalid(vp, '', 'may not be specified when `value` is not empty'));
    if (has(from, 'fieldRef') && !str(obj(from, 'fieldRef'), 'fieldPath')) errs.push(field.required(`${vp}.fieldRef.fieldPath`, ''));
    if (has(from, 'resourceFieldRef') && !str(obj(from, 'resourceFieldRef'), 'resource')) errs.push(field.required(`${vp}.resourceFieldRef.resource`, ''));
    for (const k of ['configMapKeyRef', 'secretKeyRef']) {
      if (has(from, k) && !str(obj(from, k), 'key')) errs.push(field.required(`${vp}.${k}.key`, ''));
    }
  });
  return errs;
}

export function validateEnvFrom(envFrom: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  envFrom.forEach((e, i) => {
    const ip = `${path}[${i}]`;
    const prefix = str(e, 'prefix');
    if (prefix) errs.push(...nameErrors(isEnvVarName, prefix, `${ip}.prefix`));
    const n = ['configMapRef', 'secretRef'].filter((k) => has(e, k)).length;
    if (n === 0) errs.push(field.invalid(ip, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(field.invalid(ip, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateResourceName(name: string, path: string): FieldError[] {
  const errs = nameErrors(isQualifiedName, name, path);
  if (errs.length) return errs;
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
    return [field.invalid(path, name, 'must be a standard resource for containers')];
  }
  return [];
}

/** requests and limits: valid names and quantities, requests ≤ limits. */
export function validateResourceRequirements(res: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = new Map<string, Quantity>();
  for (const [name, v] of Object.entries(obj(res, 'limits'))) {
    const p = `${path}.limits[${name}]`;
    errs.push(...validateResourceName(name, p));
    const q = nonNegativeQuantity(v, p, errs);
    if (q) limits.set(name, q);
  }
  for (const [name, v] of Object.entries(obj(res, 'requests'))) {
    const p = `${path}.requests[${name}]`;
    errs.push(...validateResourceName(name, p));
    const q = nonNegativeQuantity(v, p, errs);
    const lim = limits.get(name);
    if (q && lim && compareQuantity(q, lim) > 0) {
      errs.push(field.invalid(p, canonicalize(q), `must be less than or equal to ${name} limit of ${canonicalize(lim)}`));
    }
  }
  return errs;
}

function validatePort(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => field.invalid(path, port, m));
  if (typeof port === 'string' && port !== '') return isValidPortName(port).map((m) => field.invalid(path, port, m));
  return [field.required(path, '')];
}

/** Exactly one handler among exec/httpGet/tcpSocket/grpc (and sleep for lifecycle). */
export function validateHandler(h: Obj, path: string, kinds: string[]): FieldError[] {
  const set = kinds.filter((k) => has(h, k));
  if (set.length === 0) return [field.required(path, 'must specify a handler type')];
  const errs: FieldError[] = set.slice(1).map((k) => field.forbidden(`${path}.${k}`, 'may not specify more than 1 handler type'));
  if (has(h, 'exec') && arr(obj(h, 'exec'), 'command').length === 0) errs.push(field.required(`${path}.exec.command`, ''));
  if (has(h, 'httpGet')) {
    const g = obj(h, 'httpGet');
    errs.push(...validatePort(g['port'], `${path}.httpGet.port`));
    errs.push(...enumField(str(g, 'scheme'), ['HTTP', 'HTTPS'], `${path}.httpGet.scheme`));
  }
  if (has(h, 'tcpSocket')) errs.push(...validatePort(obj(h, 'tcpSocket')['port'], `${path}.tcpSocket.port`));
  if (has(h, 'grpc')) {
    const p = num(obj(h, 'grpc'), 'port');
    errs.push(...(p === undefined ? [field.required(`${path}.grpc.port`, '')] : isValidPortNum(p).map((m) => field.invalid(`${path}.grpc.port`, p, m))));
  }
  return errs;
}

function validateProbe(probe: Obj, path: string, successMustBeOne: boolean): FieldError[] {
  const errs = validateHandler(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(num(probe, k), `${path}.${k}`));
  }
  const tgp = num(probe, 'terminationGracePeriodSeconds');
  if (tgp !== undefined && tgp <= 0) errs.push(field.invalid(`${path}.terminationGracePeriodSeconds`, tgp, 'must be greater than 0'));
  const st = num(probe, 'successThreshold');
  if (successMustBeOne && st !== undefined && st !== 1) errs.push(field.invalid(`${path}.successThreshold`, st, 'must be 1'));
  return errs;
}

export function validateSecurityContext(sc: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['runAsUser', 'runAsGroup']) errs.push(...inRange(num(sc, k), 0, MAX_INT32, `${path}.${k}`));
  if (sc['privileged'] === true && sc['allowPrivilegeEscalation'] === false) {
    errs.push(field.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  const caps = obj(sc, 'capabilities');
  for (const k of ['add', 'drop']) {
    arr(caps, k).forEach((c, i) => {
      if (typeof c !== 'string' || c === '') errs.push(field.invalid(`${path}.capabilities.${k}[${i}]`, c, 'must be a non-empty string'));
    });
  }
  errs.push(...enumField(str(sc, 'procMount'), ['Default', 'Unmasked'], `${path}.procMount`));
  return errs;
}

function validateVolumeMounts(mounts: unknown[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  mounts.forEach((m, i) => {
    const ip = `${path}[${i}]`;
    const name = str(m, 'name') ?? '';
    const mp = str(m, 'mountPath') ?? '';
    if (!name) errs.push(field.required(`${ip}.name`, ''));
    else if (!volumes.has(name)) errs.push(notFound(`${ip}.name`, name));
    if (!mp) errs.push(field.required(`${ip}.mountPath`, ''));
    else if (seen.has(mp)) errs.push(field.invalid(`${ip}.mountPath`, mp, 'must be unique'));
    seen.add(mp);
    const sub = str(m, 'subPath');
    if (sub) {
      if (sub.startsWith('/')) errs.push(field.invalid(`${ip}.subPath`, sub, 'must be a relative path'));
      if (sub.split('/').includes('..')) errs.push(field.invalid(`${ip}.subPath`, sub, "must not contain '..'"));
    }
    errs.push(...enumField(str(m, 'mountPropagation'), ['Bidirectional', 'HostToContainer', 'None'], `${ip}.mountPropagation`));
  });
  return errs;
}

export interface ContainerContext {
  volumes: Set<string>;
  /** Container names already used in the pod (shared across containers and initContainers). */
  names: Set<string>;
  init: boolean;
}

export function validateContainer(c: Obj, path: string, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c, 'name') ?? '';
  if (!name) errs.push(field.required(`${path}.name`, ''));
  else {
    errs.push(...nameErrors(isDNS1123Label, name, `${path}.name`));
    if (ctx.names.has(name)) errs.push(field.duplicate(`${path}.name`, name));
    ctx.names.add(name);
  }
  const image = str(c, 'image') ?? '';
  if (!image) errs.push(field.required(`${path}.image`, ''));
  else if (image.trim() !== image) errs.push(field.invalid(`${path}.image`, image, 'must not have leading or trailing whitespace'));
  errs.push(...validateContainerPorts(arr(c, 'ports'), `${path}.ports`));
  errs.push(...validateEnv(arr(c, 'env'), `${path}.env`));
  errs.push(...validateEnvFrom(arr(c, 'envFrom'), `${path}.envFrom`));
  errs.push(...validateVolumeMounts(arr(c, 'volumeMounts'), ctx.volumes, `${path}.volumeMounts`));
  errs.push(...validateResourceRequirements(obj(c, 'resources'), `${path}.resources`));
  errs.push(...enumField(str(c, 'imagePullPolicy'), PULL_POLICIES, `${path}.imagePullPolicy`));
  errs.push(...enumField(str(c, 'terminationMessagePolicy'), ['File', 'FallbackToLogsOnError'], `${path}.terminationMessagePolicy`));
  const sidecar = ctx.init && str(c, 'restartPolicy') === 'Always';
  if (has(c, 'restartPolicy')) {
    if (!ctx.init) errs.push(field.forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers'));
    else errs.push(...enumField(str(c, 'restartPolicy'), ['Always'], `${path}.restartPolicy`));
  }
  for (const [k, mustBeOne] of [['livenessProbe', true], ['readinessProbe', false], ['startupProbe', true]] as const) {
    if (!has(c, k)) continue;
    if (ctx.init && !sidecar) errs.push(field.forbidden(`${path}.${k}`, 'may not be set for init containers without restartPolicy=Always'));
    else errs.push(...validateProbe(obj(c, k), `${path}.${k}`, mustBeOne));
  }
  const lc = obj(c, 'lifecycle');
  for (const k of ['postStart', 'preStop']) {
    if (has(lc, k)) errs.push(...validateHandler(obj(lc, k), `${path}.lifecycle.${k}`, ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  }
  if (has(c, 'securityContext')) errs.push(...validateSecurityContext(obj(c, 'securityContext'), `${path}.securityContext`));
  return errs;
}
