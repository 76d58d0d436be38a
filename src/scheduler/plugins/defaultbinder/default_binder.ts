// DefaultBinder: binds through the pods/binding subresource.

import type { Binding } from 'kubernetes-types/core/v1.js';
import type { BindPlugin, CycleState, Handle } from '../../framework/interface.ts';
import { Status } from '../../framework/status.ts';
import type { MaybeStatus } from '../../framework/status.ts';
import type { PodInfo } from '../../framework/types.ts';
import { Names } from '../names.ts';

export class DefaultBinder implements BindPlugin {
  readonly name = Names.DefaultBinder;
  private readonly handle: Handle;
  constructor(handle: Handle) { this.handle = handle; }

  async bind(_s: CycleState, pi: PodInfo, nodeName: string): Promise<MaybeStatus> {
    const client = this.handle.client;
    if (!client) return Status.error(new Error('DefaultBinder: no API client'));
    const m = pi.pod.metadata ?? {};
    const binding: Binding = {
      apiVersion: 'v1', kind: 'Binding',
      metadata: { name: m.name, namespace: m.namespace, uid: m.uid },
      target: { kind: 'Node', name: nodeName },
    };
    try {
      await client.create({ group: '', version: 'v1', resource: 'pods', namespace: m.namespace, name: m.name, subresource: 'binding' }, binding);
      return undefined;
    } catch (err) {
      return Status.error(err);
    }
  }
}
