// ResourceQuota: refuses writes that would take a namespace over its quotas (object counts,
// compute, storage), with upstream's messages (plugin/pkg/admission/resourcequota). Usage is
// computed from the live objects in the watch caches plus in-flight admissions not yet visible
// there, so two concurrent creates cannot both slip under a limit; each admission records the
// new usage in the quota's status with compare-and-swap, as upstream does.

import { addQuantities, canonicalize, compareQuantity, isZeroQuantity, quantityFromInt, subtractQuantities } from '../api/quantity.ts';
import type { Quantity } from '../api/quantity.ts';
import { obj, objs } from '../api/kinds/access.ts';
import type { KubeObject } from '../api/types.ts';
import { hook } from './interface.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';
import { admissionForbidden } from './reader.ts';
import type { ObjectReader, StatusUpdater } from './reader.ts';
import { containerComputeNames, objectUsage, quotaMatches, resourceOfQuotaName } from './quota-usage.ts';
import type { GroupResource } from './quota-usage.ts';
import { addInto, resourceList, toJSON } from './resources.ts';
import type { ResourceList } from './resources.ts';

/** Names for which pods must state a value in every container when a quota tracks them. */
const COMPUTE_VALIDATION = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);
const RESERVATION_TTL_MS = 30_000;

interface Reservation { gr: GroupResource; namespace: string; name: string; usage: ResourceList; oldRV?: string; expires: number }

function pretty(list: ResourceList): string {
  return [...list.keys()].sort().map((k) => `${k}=${canonicalize(list.get(k) ?? zeroLike())}`).join(',');
}

function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) { const v = list.get(n); if (v) out.set(n, v); }
  return out;
}

export class ResourceQuotaAdmission implements AdmissionPlugin {
  readonly name = 'ResourceQuota';
  private readonly reader: ObjectReader;
  private readonly updateStatus: StatusUpdater | undefined;
  /** In-flight charges per quota (namespace/name), until the written object shows in the cache. */
  private readonly reservations = new Map<string, Reservation[]>();

  constructor(reader: ObjectReader, updateStatus?: StatusUpdater) {
    this.reader = reader;
    this.updateStatus = updateStatus;
  }

  validate(a: AdmissionAttributes): void | Promise<void> {
    return hook(() => {
      if (a.subresource || !a.object || (a.operation !== 'CREATE' && a.operation !== 'UPDATE') || !a.namespace) return;
      const quotas = this.reader.list('', 'resourcequotas', a.namespace);
      // Most namespaces have no quota: nothing to wait for.
      if (quotas.length === 0) return;
      return this.charge(a, a.object, quotas);
    });
  }

  /** Checks the write against the namespace's quotas and reserves its usage in them. */
  private async charge(a: AdmissionAttributes, object: KubeObject, all: KubeObject[]): Promise<void> {
    const gr = { group: a.type.group, resource: a.type.resource };
    const quotas = all
      .filter((rq) => quotaMatches(rq, gr, object))
      .sort((x, y) => (x.metadata.name ?? '').localeCompare(y.metadata.name ?? ''));
    if (quotas.length === 0) return;
    const isPods = gr.group === '' && gr.resource === 'pods';
    const interesting: KubeObject[] = [];
    for (const rq of quotas) {
      const hard = Object.keys(obj(obj(rq.spec).hard));
      const tracked = hard.filter((n) => {
        const r = resourceOfQuotaName(n);
        return r !== undefined && r.group === gr.group && r.resource === gr.resource;
      });
      if (tracked.length === 0) continue;
      interesting.push(rq);
      if (isPods && a.operation === 'CREATE') {
        const missing = missingComputeNames(object, tracked.filter((n) => COMPUTE_VALIDATION.has(n)));
        if (missing.length > 0) throw admissionForbidden(a, `failed quota: ${rq.metadata.name ?? ''}: must specify ${missing.join(',')}`);
      }
    }
    if (interesting.length === 0) return;
    let delta = objectUsage(gr, object);
    if (a.operation === 'UPDATE' && a.oldObject) delta = subtractNonNegative(delta, objectUsage(gr, a.oldObject));
    for (const [k, v] of delta) if (isZeroQuantity(v)) delta.delete(k);
    if (delta.size === 0) return;

    // Check every quota before reserving in any, synchronously, so no other admission interleaves.
    const charges: { rq: KubeObject; requested: ResourceList }[] = [];
    for (const rq of interesting) {
      const hard = resourceList(obj(rq.spec).hard);
      const requested = mask(delta, hard.keys());
      if (requested.size === 0) continue;
      const used = this.usage(rq);
      const exceeded: string[] = [];
      for (const [k, v] of requested) {
        const cur = used.get(k);
        const next = cur ? addQuantities(cur, v) : v;
        const limit = hard.get(k);
        if (limit && compareQuantity(next, limit) > 0) exceeded.push(k);
      }
      if (exceeded.length > 0) {
        const usedShown: ResourceList = new Map(exceeded.map((k) => [k, used.get(k) ?? zeroLike()]));
        throw admissionForbidden(a, `exceeded quota: ${rq.metadata.name ?? ''}, requested: ${pretty(mask(requested, exceeded))}, used: ${pretty(usedShown)}, limited: ${pretty(mask(hard, exceeded))}`);
      }
      charges.push({ rq, requested });
    }
    if (a.dryRun || charges.length === 0) return;
    const name = object.metadata.name ?? a.name;
    const added: [string, Reservation][] = [];
    for (const { rq, requested } of charges) {
      const key = quotaKey(rq);
      const r: Reservation = { gr, namespace: a.namespace, name, usage: requested, oldRV: a.operation === 'UPDATE' ? a.oldObject?.metadata.resourceVersion : undefined, expires: Date.now() + RESERVATION_TTL_MS };
      const list = this.reservations.get(key) ?? [];
      list.push(r);
      this.reservations.set(key, list);
      added.push([key, r]);
    }
    try {
      for (const { rq } of charges) await this.writeStatus(rq);
    } catch (err) {
      for (const [key, r] of added) this.reservations.set(key, (this.reservations.get(key) ?? []).filter((x) => x !== r));
      throw err;
    }
  }

  /** Current usage of a quota: live objects it selects plus in-flight reservations. */
  usage(rq: KubeObject): ResourceList {
    const ns = rq.metadata.namespace ?? '';
    const hardNames = Object.keys(obj(obj(rq.spec).hard));
    const byResource = new Map<string, GroupResource>();
    for (const n of hardNames) {
      const r = resourceOfQuotaName(n);
      if (r) byResource.set(`${r.group}/${r.resource}`, r);
    }
    const total: ResourceList = new Map();
    for (const gr of byResource.values()) {
      for (const o of this.reader.list(gr.group, gr.resource, ns)) {
        if (quotaMatches(rq, gr, o)) addInto(total, mask(objectUsage(gr, o), hardNames));
      }
    }
    addInto(total, this.pending(rq));
    const out: ResourceList = new Map();
    for (const n of hardNames) out.set(n, total.get(n) ?? zeroLike());
    return out;
  }

  /** Reservations whose writes the cache has not shown yet (expired ones are dropped). */
  private pending(rq: KubeObject): ResourceList {
    const key = quotaKey(rq);
    const list = this.reservations.get(key);
    const sum: ResourceList = new Map();
    if (!list) return sum;
    const now = Date.now();
    const keep = list.filter((r) => {
      if (r.expires < now) return false;
      const cached = this.reader.get(r.gr.group, r.gr.resource, r.namespace, r.name);
      const landed = r.oldRV === undefined ? cached !== undefined : cached?.metadata.resourceVersion !== r.oldRV;
      return !landed;
    });
    if (keep.length > 0) this.reservations.set(key, keep); else this.reservations.delete(key);
    for (const r of keep) addInto(sum, r.usage);
    return sum;
  }

  /** Writes status.hard and status.used of a quota (no-op when unchanged). */
  async writeStatus(rq: KubeObject): Promise<void> {
    if (!this.updateStatus) return;
    await this.updateStatus('', 'resourcequotas', rq.metadata.namespace ?? '', rq.metadata.name ?? '', (cur) => {
      const hard = toJSON(resourceList(obj(cur.spec).hard));
      const used = toJSON(this.usage(cur));
      const status = obj(cur.status);
      if (JSON.stringify(status.hard) === JSON.stringify(hard) && JSON.stringify(status.used) === JSON.stringify(used)) return undefined;
      return { ...cur, status: { ...status, hard, used } };
    });
  }

  /** Brings every quota's status in line with the live objects (what upstream's quota controller does). */
  async syncAll(): Promise<void> {
    for (const rq of this.reader.list('', 'resourcequotas')) {
      try { await this.writeStatus(rq); } catch { /* deleted meanwhile, or a conflict storm: next round */ }
    }
  }
}

function quotaKey(rq: KubeObject): string { return `${rq.metadata.namespace ?? ''}/${rq.metadata.name ?? ''}`; }

function zeroLike(): Quantity { return quantityFromInt(0); }

function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const prev = b.get(k);
    const d = prev ? subtractQuantities(v, prev) : v;
    if (compareQuantity(d, zeroLike()) > 0) out.set(k, d);
  }
  return out;
}

/** Compute resources some container does not state although a quota tracks them, sorted. */
function missingComputeNames(pod: KubeObject, required: string[]): string[] {
  if (required.length === 0) return [];
  const spec = obj(pod.spec);
  const missing = new Set<string>();
  for (const c of [...objs(spec.containers), ...objs(spec.initContainers)]) {
    const have = containerComputeNames(c);
    for (const r of required) if (!have.has(r)) missing.add(r);
  }
  return [...missing].sort();
}
