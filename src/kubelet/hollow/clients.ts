// API clients of hollow nodes. Reads (the one shared pod informer) use the process's config; each
// node's writes go through that node's identity: without a NodeIdentity hook every node shares the
// given config; with one (e.g. tokenIdentity: a system:node:<name> bearer token per node) each has
// its own client, and clients with the same TLS material share one connection (src/client).
// Write clients are unthrottled: the hollow node pool rate-limits writes itself, process-wide.

import type { RestConfig } from '../../client/config.ts';
import { RestClient } from '../../client/rest.ts';

/** The config a node's kubelet would use (its own credentials). */
export type NodeIdentity = (nodeName: string) => RestConfig;

export class NodeClients {
  /** For the shared informers. */
  readonly shared: RestClient;
  private readonly writer: RestClient | undefined;
  private readonly identity: NodeIdentity | undefined;
  private readonly perNode = new Map<string, RestClient>();

  constructor(base: RestConfig, identity?: NodeIdentity) {
    this.shared = new RestClient(base);
    this.identity = identity;
    if (!identity) this.writer = new RestClient({ ...base, qps: -1 });
  }

  /** The client a node writes with. */
  forNode(name: string): RestClient {
    if (this.writer) return this.writer;
    let c = this.perNode.get(name);
    if (!c) {
      c = new RestClient({ ...(this.identity as NodeIdentity)(name), qps: -1 });
      this.perNode.set(name, c);
    }
    return c;
  }

  close(): void {
    this.shared.close();
    this.writer?.close();
    for (const c of this.perNode.values()) c.close();
    this.perNode.clear();
  }
}
