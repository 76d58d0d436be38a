// Node identities by bearer token: each hollow node authenticates as system:node:<name> in group
// system:nodes (what the Node authorizer, NodeRestriction and API Priority and Fairness key on),
// with a token of its own sent per request. Token clients carry no client certificate, so all
// nodes of a process share one connection, as kubelets sharing a TLS config would.
// The apiserver learns the tokens from a static token file (--token-auth-file) in upstream's CSV
// format: token,user,uid,"group1,group2".

import { randomBytes, randomUUID } from 'node:crypto';
import type { RestConfig } from '../../client/config.ts';
import type { NodeIdentity } from './clients.ts';
import { KubeletVersion } from './node.ts';

export const NodeUserPrefix = 'system:node:';
export const NodesGroup = 'system:nodes';

/** The user agent of a hollow kubelet (a real one sends kubelet/<version> (<os>/<arch>) kubernetes/<commit>). */
export const KubeletUserAgent = `kubelet/${KubeletVersion} (linux/amd64) coxswain-hollow`;

/** Node names of a hollow process: <prefix>-<first> … <prefix>-<first+count-1>. */
export function hollowNodeNames(prefix: string, first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${first + i}`);
}

/** A fresh random token per node (192 bits, URL-safe). */
export function generateNodeTokens(names: readonly string[]): Map<string, string> {
  return new Map(names.map((n) => [n, randomBytes(24).toString('base64url')]));
}

/** Token file lines for the apiserver's --token-auth-file: one system:node:<name> user per node. */
export function nodeTokenFileText(tokens: ReadonlyMap<string, string>): string {
  let out = '';
  for (const [name, token] of tokens) out += `${token},${NodeUserPrefix}${name},${randomUUID()},${NodesGroup}\n`;
  return out;
}

/**
 * Node tokens out of token-file users: node name → token for every user system:node:<name> in
 * group system:nodes (others are ignored).
 */
export function nodeTokensFromUsers(users: Iterable<[token: string, user: { name: string; groups: readonly string[] }]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [token, user] of users) {
    if (user.name.startsWith(NodeUserPrefix) && user.groups.includes(NodesGroup)) out.set(user.name.slice(NodeUserPrefix.length), token);
  }
  return out;
}

/**
 * Each node's config: the server and CA of `base` (no client certificate, no other credentials)
 * with the node's own bearer token. Throws for a node without a token.
 */
export function tokenIdentity(base: RestConfig, tokens: ReadonlyMap<string, string>): NodeIdentity {
  const common: RestConfig = { server: base.server, qps: base.qps, burst: base.burst, userAgent: KubeletUserAgent };
  if (base.ca !== undefined) common.ca = base.ca;
  if (base.insecure !== undefined) common.insecure = base.insecure;
  if (base.tlsServerName !== undefined) common.tlsServerName = base.tlsServerName;
  if (base.timeoutMs !== undefined) common.timeoutMs = base.timeoutMs;
  return (name) => {
    const token = tokens.get(name);
    if (token === undefined) throw new Error(`no token for node ${name}`);
    return { ...common, token };
  };
}

/** The names among `names` that have no token (to fail before starting, not at the first write). */
export function nodesWithoutToken(names: readonly string[], tokens: ReadonlyMap<string, string>): string[] {
  return names.filter((n) => !tokens.has(n));
}
