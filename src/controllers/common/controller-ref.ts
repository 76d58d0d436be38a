// Controller references and adoption (upstream's metav1.GetControllerOf and
// controller.PodControllerRefManager / BaseControllerRefManager): a controller claims the objects
// its selector matches that have no controller, and releases those it controls that no longer match.

import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { ResourceClient } from '../../client/index.ts';
import { isNotFound } from '../../client/index.ts';
import { matches } from '../../api/selectors/labels.ts';
import type { Selector } from '../../api/selectors/labels.ts';

export interface OwnedMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  deletionTimestamp?: string;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface Owned {
  apiVersion?: string;
  kind?: string;
  metadata?: OwnedMeta;
}

export function getControllerOf(obj: Owned): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export function isControlledBy(obj: Owned, owner: Owned): boolean {
  const ref = getControllerOf(obj);
  return ref !== undefined && ref.uid === owner.metadata?.uid;
}

/** The controllerRef a controller sets on what it creates (controller and blockOwnerDeletion true). */
export function newControllerRef(owner: Owned, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '',
    controller: true, blockOwnerDeletion: true,
  };
}

export interface ClaimOptions<T extends Owned> {
  owner: Owned;
  apiVersion: string;
  kind: string;
  selector: Selector;
  client: ResourceClient<T & { metadata?: OwnedMeta }>;
  /** A live check that the owner may still adopt (same uid, not being deleted); run once, lazily. */
  canAdopt: () => Promise<void>;
}

/**
 * Claims objects for an owner: returns those it controls after adopting orphans that match and
 * releasing controlled objects that no longer match. Objects being deleted are neither adopted nor
 * released. Adoption and release are strategic merge patches on ownerReferences (merge key uid),
 * guarded by the object's uid.
 */
export async function claimObjects<T extends Owned>(objs: T[], o: ClaimOptions<T>): Promise<T[]> {
  const ownerUid = o.owner.metadata?.uid ?? '';
  const claimed: T[] = [];
  let adoptCheck: Promise<void> | undefined;
  const errors: unknown[] = [];
  await Promise.all(objs.map(async (obj) => {
    const ref = getControllerOf(obj);
    const match = matches(o.selector, obj.metadata?.labels);
    const name = obj.metadata?.name ?? '';
    if (ref) {
      if (ref.uid !== ownerUid) return;
      if (match) { claimed.push(obj); return; }
      if (obj.metadata?.deletionTimestamp || o.owner.metadata?.deletionTimestamp) return;
      // Release: drop our reference.
      try {
        await o.client.namespace(obj.metadata?.namespace ?? '').patch(name, 'strategic', {
          metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: obj.metadata?.uid },
        });
      } catch (err) {
        if (!isNotFound(err)) errors.push(err);
      }
      return;
    }
    if (!match || obj.metadata?.deletionTimestamp || o.owner.metadata?.deletionTimestamp) return;
    adoptCheck ??= o.canAdopt();
    try {
      await adoptCheck;
      const controllerRef = newControllerRef(o.owner, o.apiVersion, o.kind);
      const adopted = await o.client.namespace(obj.metadata?.namespace ?? '').patch(name, 'strategic', {
        metadata: { ownerReferences: [controllerRef], uid: obj.metadata?.uid },
      });
      claimed.push(adopted as T);
    } catch (err) {
      if (!isNotFound(err)) errors.push(err);
    }
  }));
  if (errors.length) throw errors[0];
  return claimed;
}

/** The usual canAdopt: a fresh GET that must show the same uid and no deletion under way. */
export function recheckOwner(get: () => Promise<Owned>, uid: string | undefined, what: string): () => Promise<void> {
  return async () => {
    const fresh = await get();
    if (fresh.metadata?.uid !== uid) throw new Error(`original ${what} is gone: got uid ${fresh.metadata?.uid ?? ''}, wanted ${uid ?? ''}`);
    if (fresh.metadata?.deletionTimestamp) throw new Error(`${what} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  };
}
