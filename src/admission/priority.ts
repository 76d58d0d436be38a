// Priority: a pod's priorityClassName resolves to spec.priority and spec.preemptionPolicy from
// its PriorityClass (or the globalDefault one); unknown classes are refused; only one class may be
// the global default (plugin/pkg/admission/priority). The system classes are created at start.

import { child, num, str } from '../api/kinds/access.ts';
import type { Obj } from '../api/kinds/access.ts';
import type { KubeObject } from '../api/types.ts';
import { hook } from './interface.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';
import { admissionForbidden, cachedOrLive, isPod, whenRead } from './reader.ts';
import type { ObjectReader } from './reader.ts';

export const SYSTEM_PRIORITY_CLASSES: KubeObject[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' },
    value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' },
    value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

const GROUP = 'scheduling.k8s.io';

export class PriorityAdmission implements AdmissionPlugin {
  readonly name = 'Priority';
  private readonly reader: ObjectReader;
  constructor(reader: ObjectReader) { this.reader = reader; }

  admit(a: AdmissionAttributes): void | Promise<void> {
    return hook(() => {
      if (!isPod(a) || a.operation !== 'CREATE' || a.subresource || !a.object) return;
      const spec = child(a.object, 'spec');
      const className = str(spec.priorityClassName);
      if (!className) {
        const def = this.defaultClass();
        if (def) spec.priorityClassName = def.metadata.name;
        setPriority(a, spec, def);
        return;
      }
      return whenRead(cachedOrLive(this.reader, GROUP, 'priorityclasses', '', className), (pc) => {
        if (!pc) throw admissionForbidden(a, `no PriorityClass with name ${className} was found`);
        setPriority(a, spec, pc);
      });
    });
  }

  validate(a: AdmissionAttributes): void {
    if (a.type.group !== GROUP || a.type.resource !== 'priorityclasses' || a.subresource) return;
    if ((a.operation !== 'CREATE' && a.operation !== 'UPDATE') || !a.object || a.object.globalDefault !== true) return;
    const def = this.defaultClass();
    if (def && (a.operation === 'CREATE' || def.metadata.name !== a.object.metadata.name)) {
      throw admissionForbidden(a, `PriorityClass ${def.metadata.name ?? ''} is already marked as default. Only one default can exist`);
    }
  }

  /** The globalDefault class with the lowest value (upstream picks the lowest when several exist). */
  private defaultClass(): KubeObject | undefined {
    let best: KubeObject | undefined;
    for (const pc of this.reader.list(GROUP, 'priorityclasses')) {
      if (pc.globalDefault !== true) continue;
      if (!best || (num(pc.value) ?? 0) < (num(best.value) ?? 0)) best = pc;
    }
    return best;
  }
}

/** Sets the pod's priority (and preemption policy) from its PriorityClass pc (none: 0), refusing values the pod gave that differ. */
function setPriority(a: AdmissionAttributes, spec: Obj, pc: KubeObject | undefined): void {
  const priority = pc ? num(pc.value) ?? 0 : 0;
  const policy = pc ? str(pc.preemptionPolicy) || undefined : undefined;
  const given = num(spec.priority);
  if (given !== undefined && given !== priority) {
    throw admissionForbidden(a, `the integer value of priority (${given}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (policy) {
    const givenPolicy = str(spec.preemptionPolicy);
    if (givenPolicy && givenPolicy !== policy) {
      throw admissionForbidden(a, `the string value of PreemptionPolicy (${givenPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  }
}
