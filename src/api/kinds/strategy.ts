// Strategy pieces shared by many kinds (upstream strategies' PrepareForCreate/PrepareForUpdate).

import type { ResourceType } from '../registry.ts';
import type { KubeObject } from '../types.ts';
import { clone, isObj } from './access.ts';

/** Status is set by controllers, never by users on create. */
export function clearStatus(o: KubeObject): void {
  delete o.status;
}

/** On a write to the main resource the status stays what it was. */
export function keepStatus(o: KubeObject, old: KubeObject): void {
  if (isObj(old.status)) o.status = clone(old.status);
  else delete o.status;
}

/** prepareForCreate / prepareForUpdate for kinds with a status subresource. */
export const statusStrategy: Pick<ResourceType, 'prepareForCreate' | 'prepareForUpdate'> = {
  prepareForCreate: (o) => clearStatus(o),
  prepareForUpdate: (o, old) => keepStatus(o, old),
};
