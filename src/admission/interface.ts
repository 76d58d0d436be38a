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

export class AdmissionChain {
  private readonly plugins: AdmissionPlugin[];
  constructor(plugins: AdmissionPlugin[]) { this.plugins = plugins; }

  async admit(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.admit) await p.admit(attrs);
  }

  async validate(attrs: AdmissionAttributes): Promise<void> {
    for (const p of this.plugins) if (p.validate) await p.validate(attrs);
  }
}
