// Self-contained kubeconfig files (everything embedded as base64 data, no file references), as
// kubeadm writes admin.conf.
import { stringify } from 'yaml';
import { writeFileAtomic } from './pki/files.ts';

interface KubeconfigBase {
  /** API server URL, e.g. https://127.0.0.1:6443. */
  server: string;
  clusterName: string;
  caPem: string;
  /** The user entry's name (kubeadm: kubernetes-admin). */
  user: string;
  /** Defaults to `<user>@<clusterName>`. */
  contextName?: string;
  namespace?: string;
}

export type KubeconfigOptions =
  | (KubeconfigBase & { certPem: string; keyPem: string })
  | (KubeconfigBase & { token: string });

const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export function kubeconfigFor(opts: KubeconfigOptions): string {
  const contextName = opts.contextName ?? `${opts.user}@${opts.clusterName}`;
  const credentials =
    'token' in opts
      ? { token: opts.token }
      : { 'client-certificate-data': base64(opts.certPem), 'client-key-data': base64(opts.keyPem) };
  const context: Record<string, string> = { cluster: opts.clusterName, user: opts.user };
  if (opts.namespace !== undefined) context['namespace'] = opts.namespace;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: opts.clusterName,
        cluster: { server: opts.server, 'certificate-authority-data': base64(opts.caPem) },
      },
    ],
    users: [{ name: opts.user, user: credentials }],
    contexts: [{ name: contextName, context }],
    'current-context': contextName,
    preferences: {},
  });
}

/** Writes a kubeconfig atomically, readable by its owner only (it holds credentials). */
export async function writeKubeconfig(path: string, yaml: string): Promise<void> {
  await writeFileAtomic(path, yaml, 0o600);
}
