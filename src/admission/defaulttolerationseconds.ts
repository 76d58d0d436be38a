// DefaultTolerationSeconds: pods tolerate the not-ready and unreachable NoExecute taints for
// 300 seconds unless they say otherwise (plugin/pkg/admission/defaulttolerationseconds).

import { child, objs, str } from '../api/kinds/access.ts';
import type { AdmissionAttributes, AdmissionPlugin } from './interface.ts';
import { isPod } from './reader.ts';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

export class DefaultTolerationSeconds implements AdmissionPlugin {
  readonly name = 'DefaultTolerationSeconds';
  readonly notReadySeconds: number;
  readonly unreachableSeconds: number;
  constructor(notReadySeconds = 300, unreachableSeconds = 300) {
    this.notReadySeconds = notReadySeconds;
    this.unreachableSeconds = unreachableSeconds;
  }

  admit(a: AdmissionAttributes): void {
    if (!isPod(a) || a.subresource || !a.object || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
    const spec = child(a.object, 'spec');
    const tolerations = objs(spec.tolerations);
    const tolerates = (key: string): boolean => tolerations.some((t) =>
      (str(t.key) === key || !str(t.key)) && (str(t.effect) === 'NoExecute' || !str(t.effect)));
    const add: unknown[] = [];
    if (!tolerates(TAINT_NODE_NOT_READY)) {
      add.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: this.notReadySeconds });
    }
    if (!tolerates(TAINT_NODE_UNREACHABLE)) {
      add.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: this.unreachableSeconds });
    }
    if (add.length > 0) spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations as unknown[] : []), ...add];
  }
}
