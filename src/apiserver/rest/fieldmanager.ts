// Managed fields on every write (upstream's fieldmanager): who set which field.

import { updateManagedFields } from '../../api/apply/index.ts';
import { groupVersion } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import { nowTimestamp } from './objects.ts';
import type { WriteScope } from './write.ts';

/** Fields a write through an endpoint never owns (upstream's reset fields). */
export function resetFieldsFor(s: WriteScope): string[] {
  const st = s.ctx.registry.storageTypeOf(s.t);
  if (s.subresource === 'status') return ['spec'];
  return st.subresources?.status ? ['status'] : [];
}

export function recordManagedFields(s: WriteScope, old: KubeObject | undefined, obj: KubeObject): void {
  const st = s.ctx.registry.storageTypeOf(s.t);
  const model = s.ctx.model;
  const def = model?.definitionFor(st.group, st.version, st.kind);
  if (!model || !def) return;
  const out = updateManagedFields(old, obj, {
    manager: s.fieldManager,
    operation: 'Update',
    apiVersion: groupVersion(s.t),
    subresource: s.subresource && s.subresource !== 'binding' ? s.subresource : undefined,
    time: nowTimestamp(),
    model,
    definitionName: def,
    resetFields: resetFieldsFor(s),
  });
  if (out.metadata.managedFields && out.metadata.managedFields.length > 0) obj.metadata.managedFields = out.metadata.managedFields;
  else delete obj.metadata.managedFields;
}
