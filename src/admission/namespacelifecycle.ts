// NamespaceLifecycle: no new objects in a namespace that does not exist or is terminating, and
// the system namespaces cannot be deleted (plugin/pkg/admission/namespace/lifecycle).

import { StatusError, forbidden, notFound } from '../api/errors.ts';
import type { KubeObject } from '../api/types.ts';
import { hook } from './interface.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';
import { whenRead } from './reader.ts';

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

export class NamespaceLifecycle implements AdmissionPlugin {
  readonly name = 'NamespaceLifecycle';
  private readonly getNamespace: (name: string) => KubeObject | undefined | Promise<KubeObject | undefined>;

  /** getNamespace reads the namespace (from the watch cache, falling back to storage). */
  constructor(getNamespace: (name: string) => KubeObject | undefined | Promise<KubeObject | undefined>) {
    this.getNamespace = getNamespace;
  }

  validate(a: AdmissionAttributes): void | Promise<void> {
    return hook(() => {
      const isNamespace = a.type.group === '' && a.type.resource === 'namespaces';
      if (isNamespace) {
        if (a.operation === 'DELETE' && IMMORTAL_NAMESPACES.includes(a.name)) {
          throw forbidden({ group: '', kind: 'Namespace', resource: 'namespaces' }, a.name, 'this namespace may not be deleted');
        }
        return;
      }
      if (!a.type.namespaced || !a.namespace || a.operation !== 'CREATE') return;
      return whenRead(this.getNamespace(a.namespace), (ns) => { admitInto(a, ns); });
    });
  }
}

/** A create into namespace ns (undefined: it does not exist). */
function admitInto(a: AdmissionAttributes, ns: KubeObject | undefined): void {
  if (!ns) throw notFound({ group: '', kind: 'Namespace', resource: 'namespaces' }, a.namespace);
  // Writes that only tidy up (events, token reviews) are allowed in terminating namespaces upstream too.
  if (ns.metadata.deletionTimestamp && !(a.type.resource === 'events')) {
    throw new StatusError(403, 'Forbidden',
      `${a.type.resource}${a.type.group ? `.${a.type.group}` : ''} "${a.name}" is forbidden: unable to create new content in namespace ${a.namespace} because it is being terminated`,
      { name: a.name, group: a.type.group || undefined, kind: a.type.resource,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${a.namespace} is being terminated`, field: 'metadata.namespace' }] });
  }
}
