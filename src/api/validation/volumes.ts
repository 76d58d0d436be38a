// Pod volumes: unique DNS-1123 names and exactly one source per volume.

import { field } from '../errors.ts';
import type { FieldError } from '../errors.ts';
import { arr, enumField, has, inRange, nameErrors, nonNegativeQuantity, obj, str } from './common.ts';
import type { Obj } from './common.ts';
import { isDNS1123Label, isDNS1123Subdomain } from './names.ts';

export const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

function requireKey(o: Obj, key: string, path: string): FieldError[] {
  return str(o, key) ? [] : [field.required(`${path}.${key}`, '')];
}

function validateKeyToPaths(items: unknown[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  items.forEach((it, i) => {
    const ip = `${path}[${i}]`;
    if (!str(it, 'key')) errs.push(field.required(`${ip}.key`, ''));
    const p = str(it, 'path') ?? '';
    if (!p) errs.push(field.required(`${ip}.path`, ''));
    else if (p.startsWith('/')) errs.push(field.invalid(`${ip}.path`, p, 'must be a relative path'));
    else if (p.split('/').includes('..')) errs.push(field.invalid(`${ip}.path`, p, "must not contain '..'"));
    errs.push(...inRange(typeof (it as Obj)['mode'] === 'number' ? (it as Obj)['mode'] as number : undefined, 0, 0o777, `${ip}.mode`));
  });
  return errs;
}

function validateSource(kind: string, src: Obj, path: string): FieldError[] {
  switch (kind) {
    case 'hostPath': {
      const p = str(src, 'path');
      const errs = p ? [] : [field.required(`${path}.path`, '')];
      return [...errs, ...enumField(str(src, 'type'), HOST_PATH_TYPES, `${path}.type`)];
    }
    case 'emptyDir': {
      const errs: FieldError[] = [];
      if (has(src, 'sizeLimit')) nonNegativeQuantity(src['sizeLimit'], `${path}.sizeLimit`, errs);
      errs.push(...enumField(str(src, 'medium'), ['', 'Memory', 'HugePages'], `${path}.medium`));
      return errs;
    }
    case 'secret': {
      const errs = requireKey(src, 'secretName', path);
      const n = str(src, 'secretName');
      if (n) errs.push(...nameErrors(isDNS1123Subdomain, n, `${path}.secretName`));
      return [...errs, ...validateKeyToPaths(arr(src, 'items'), `${path}.items`)];
    }
    case 'configMap': {
      const errs = requireKey(src, 'name', path);
      const n = str(src, 'name');
      if (n) errs.push(...nameErrors(isDNS1123Subdomain, n, `${path}.name`));
      return [...errs, ...validateKeyToPaths(arr(src, 'items'), `${path}.items`)];
    }
    case 'persistentVolumeClaim':
      return requireKey(src, 'claimName', path);
    case 'nfs':
      return [...requireKey(src, 'server', path), ...requireKey(src, 'path', path)];
    case 'csi':
      return requireKey(src, 'driver', path);
    case 'image':
      return requireKey(src, 'reference', path);
    case 'projected': {
      const errs: FieldError[] = [];
      arr(src, 'sources').forEach((s, i) => {
        const n = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle'].filter((k) => has(s, k)).length;
        if (n !== 1) errs.push(field.forbidden(`${path}.sources[${i}]`, 'may not specify more than 1 volume type per source'));
        const tok = obj(s, 'serviceAccountToken');
        if (has(s, 'serviceAccountToken') && !str(tok, 'path')) errs.push(field.required(`${path}.sources[${i}].serviceAccountToken.path`, ''));
      });
      return errs;
    }
    default:
      return [];
  }
}

/** Returns the errors and the set of volume names (for volumeMounts). */
export function validateVolumes(volumes: unknown[], path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v, i) => {
    const ip = `${path}[${i}]`;
    const name = str(v, 'name') ?? '';
    if (!name) errs.push(field.required(`${ip}.name`, ''));
    else {
      const msgs = isDNS1123Label(name);
      if (msgs.length) errs.push(...msgs.map((m) => field.invalid(`${ip}.name`, name, m)));
      else if (names.has(name)) errs.push(field.duplicate(`${ip}.name`, name));
    }
    if (name) names.add(name);
    const sources = VOLUME_SOURCES.filter((k) => has(v, k));
    if (sources.length === 0) errs.push(field.required(ip, 'must specify a volume type'));
    for (const extra of sources.slice(1)) errs.push(field.forbidden(`${ip}.${extra}`, 'may not specify more than 1 volume type'));
    const first = sources[0];
    if (first) errs.push(...validateSource(first, obj(v, first), `${ip}.${first}`));
  });
  return { errs, names };
}
