// The admission chain: mutating plugins first, then validating ones, in upstream's order
// (k8s.io/apiserver/pkg/admission).

import type { ResourceType } from '../api/registry.ts';
import type { KubeObject } from '../api/types.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

import type { UserInfo } from '../auth/types.ts';

export type { UserInfo };

export interface AdmissionAttributes {
  operation: Operation;
  /** The served type of the request (objects are in its storage form). */
  type: ResourceType;
  namespace: string;
  name: string;
  subresource: string;
  /** The object being written (mutable for mutating plugins); absent for DELETE. */
  object?: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo | undefined;
  dryRun: boolean;
  /** Warnings for the client (`Warning: 299 - "..."` headers); the apiserver passes its own list. */
  warnings?: string[];
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase: may change attrs.object. Throws a StatusError to refuse. */
  admit?(attrs: AdmissionAttributes): void | Promise<void>;
  /** Validating phase: may not change anything. Throws a StatusError to refuse. */
  validate?(attrs: AdmissionAttributes): void | Promise<void>;
}

/**
 * Runs a plugin hook that mostly finishes at once (its lookups hit the caches) without making it
 * async: no promise unless part of it has to wait, and an error always comes back as a rejected
 * promise, as from an async hook.
 */
export function hook(run: () => void | Promise<void>): void | Promise<void> {
  try {
    return run();
  } catch (err) {
    return Promise.reject(err);
  }
}

export class AdmissionChain {
  private readonly plugins: AdmissionPlugin[];
  constructor(plugins: AdmissionPlugin[]) { this.plugins = plugins; }

  // A plugin that answers synchronously is not awaited: a write passes ~30 plugin hooks, and each
  // await is a promise and a trip through the microtask queue.
  async admit(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) {
      const pending = p.admit?.(attrs);
      if (pending) await pending;
    }
  }

  async validate(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) {
      const pending = p.validate?.(attrs);
      if (pending) await pending;
    }
  }
}
