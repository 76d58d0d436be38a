// The Node authorizer for the apiserver, installed ahead of RBAC as upstream's
// --authorization-mode=Node,RBAC.

import type { ApiServer } from '../../apiserver/server.ts';
import { unionAuthorizer } from '../types.ts';
import { NodeAuthorizer } from './authorizer.ts';
import { NodeGraph } from './graph.ts';

/** A Node authorizer over server's watch caches; its graph is built on first use after start(). */
export function nodeAuthorizer(server: ApiServer): NodeAuthorizer {
  let graph: NodeGraph | undefined;
  return new NodeAuthorizer(() => {
    graph ??= NodeGraph.fromCaches(server.ctx);
    return graph;
  });
}

/**
 * Call after installRBAC and before start(): server.authorizer becomes union(Node, previous), and
 * a post-start hook builds the graph before the server serves requests.
 */
export function installNodeAuthorizer(server: ApiServer): NodeAuthorizer {
  const node = nodeAuthorizer(server);
  server.authorizer = unionAuthorizer([node, server.authorizer]);
  server.postStartHooks.push({ name: 'node-authorizer/graph', run() { node.ensureGraph(); return Promise.resolve(); } });
  return node;
}

export { NodeAuthorizer } from './authorizer.ts';
export { NodeGraph } from './graph.ts';
export { persistentVolumeSecrets, podReferences } from './refs.ts';
export type { VertexType } from './refs.ts';
