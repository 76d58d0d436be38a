// Every component talks to the API server with its own identity: client certificates signed by
// the cluster CA, in kubeconfigs under DATA_DIR/kubeconfigs (kubeadm's scheduler.conf,
// controller-manager.conf, kubelet.conf), renewed before they expire; and `cox kubeconfig`
// for people.

import { join } from 'node:path';
import { parse } from 'yaml';
import { kubeconfigFor, writeKubeconfig } from './kubeconfig.ts';
import { LEAF_VALIDITY_DAYS, PKI_FILES, RENEW_BEFORE_DAYS, issueClientCertificate } from './pki/index.ts';
import type { ClusterPKI } from './pki/index.ts';
import { readFileIfExists } from './pki/files.ts';
import { leafProblem } from './pki/inspect.ts';

export const CLUSTER_NAME = 'coxswain';
export const NODES_GROUP = 'system:nodes';
export const NODE_USER_PREFIX = 'system:node:';

/** The components with fixed identities and the file each one's kubeconfig is written to. */
export const COMPONENT_IDENTITIES = {
  scheduler: { commonName: 'system:kube-scheduler', file: 'scheduler.kubeconfig' },
  'controller-manager': { commonName: 'system:kube-controller-manager', file: 'controller-manager.kubeconfig' },
  'kube-proxy': { commonName: 'system:kube-proxy', file: 'kube-proxy.kubeconfig' },
} as const;

export type Component = keyof typeof COMPONENT_IDENTITIES;

type CA = Pick<ClusterPKI, 'caCertPem' | 'caKeyPem'>;

export function kubeconfigsDir(dataDir: string): string {
  return join(dataDir, 'kubeconfigs');
}

interface KubeconfigCredentials { server: string; caPem: string; certPem: string; keyPem: string }

/** The first cluster's server and CA and the first user's client certificate of a kubeconfig. */
export function readKubeconfigCredentials(yaml: string): Partial<KubeconfigCredentials> {
  const doc: unknown = parse(yaml);
  const first = (list: unknown, key: string): Record<string, unknown> => {
    const item: unknown = Array.isArray(list) ? list[0] : undefined;
    const v: unknown = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : undefined;
    return typeof v === 'object' && v !== null ? v as Record<string, unknown> : {};
  };
  const d = typeof doc === 'object' && doc !== null ? doc as Record<string, unknown> : {};
  const cluster = first(d.clusters, 'cluster');
  const user = first(d.users, 'user');
  const b64 = (v: unknown): string | undefined => (typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : undefined);
  return {
    server: typeof cluster.server === 'string' ? cluster.server : undefined,
    caPem: b64(cluster['certificate-authority-data']),
    certPem: b64(user['client-certificate-data']),
    keyPem: b64(user['client-key-data']),
  };
}

/** A kubeconfig with a fresh client certificate for commonName / organizations. */
export async function clientKubeconfig(ca: CA, server: string, user: string, organizations: readonly string[], days: number): Promise<string> {
  const { certPem, keyPem } = await issueClientCertificate(ca, { commonName: user, organizations, days });
  return kubeconfigFor({ server, clusterName: CLUSTER_NAME, caPem: ca.caCertPem, user, certPem, keyPem, contextName: `${user}@${CLUSTER_NAME}` });
}

/**
 * Writes DATA_DIR/kubeconfigs/{scheduler,controller-manager,kube-proxy}.kubeconfig, keeping a file
 * whose certificate is still good (same CA, identity and server, more than 90 days left) and
 * reissuing the others. Returns each component's path.
 */
export async function ensureComponentKubeconfigs(dataDir: string, pki: CA, serverURL: string, now: Date = new Date()): Promise<Record<Component, string>> {
  const out = {} as Record<Component, string>;
  for (const [component, id] of Object.entries(COMPONENT_IDENTITIES) as [Component, (typeof COMPONENT_IDENTITIES)[Component]][]) {
    const path = join(kubeconfigsDir(dataDir), id.file);
    out[component] = path;
    const existing = await readFileIfExists(path);
    if (existing !== undefined && kubeconfigStillGood(existing, pki, serverURL, id.commonName, [], now)) continue;
    await writeKubeconfig(path, await clientKubeconfig(pki, serverURL, id.commonName, [], LEAF_VALIDITY_DAYS));
  }
  return out;
}

export function kubeconfigStillGood(yaml: string, pki: CA, serverURL: string, commonName: string, organizations: readonly string[], now: Date): boolean {
  let c: Partial<KubeconfigCredentials>;
  try { c = readKubeconfigCredentials(yaml); } catch { return false; }
  if (c.server !== serverURL || c.caPem !== pki.caCertPem) return false;
  return leafProblem({ certPem: c.certPem, keyPem: c.keyPem }, pki.caCertPem, { commonName, organizations, usage: 'client' },
    { now, renewBeforeMs: RENEW_BEFORE_DAYS * 24 * 60 * 60 * 1000 }) === undefined;
}

/** A kubelet's kubeconfig: CN system:node:<name>, O system:nodes (what the Node authorizer keys on). */
export async function nodeKubeconfig(pki: CA, serverURL: string, nodeName: string, days: number = LEAF_VALIDITY_DAYS): Promise<string> {
  if (!nodeName) throw new Error('a node name is required');
  return clientKubeconfig(pki, serverURL, `${NODE_USER_PREFIX}${nodeName}`, [NODES_GROUP], days);
}

export interface UserKubeconfigRequest {
  dataDir: string;
  user: string;
  groups?: string[];
  days?: number;
  /** API server URL; default: the one in DATA_DIR/admin.kubeconfig. */
  server?: string;
}

/** `cox kubeconfig --user NAME [--group G …] [--days N]`: a kubeconfig for a person, signed by the cluster CA. */
export async function issueUserKubeconfig(r: UserKubeconfigRequest): Promise<string> {
  if (!r.user) throw new Error('a user name is required (--user)');
  const days = r.days ?? LEAF_VALIDITY_DAYS;
  if (!Number.isInteger(days) || days < 1) throw new Error(`--days must be a positive whole number, got ${String(r.days)}`);
  const tls = join(r.dataDir, 'tls');
  const caCertPem = await readFileIfExists(join(tls, PKI_FILES.caCert));
  const caKeyPem = await readFileIfExists(join(tls, PKI_FILES.caKey));
  if (caCertPem === undefined || caKeyPem === undefined) {
    throw new Error(`no cluster CA in ${tls}: start the server with --data-dir ${r.dataDir} first`);
  }
  let server = r.server;
  if (!server) {
    const admin = await readFileIfExists(join(r.dataDir, 'admin.kubeconfig'));
    server = admin !== undefined ? readKubeconfigCredentials(admin).server : undefined;
    if (!server) throw new Error(`cannot tell the API server's address: no ${join(r.dataDir, 'admin.kubeconfig')}; pass the server URL`);
  }
  return clientKubeconfig({ caCertPem, caKeyPem }, server, r.user, r.groups ?? [], days);
}
