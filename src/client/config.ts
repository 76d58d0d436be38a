// Client configuration: what client-go's rest.Config holds, loaded from a kubeconfig (the
// current context, or a named one) or from the in-cluster service account.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

export interface RestConfig {
  /** https://host:port, optionally with a path prefix. */
  server: string;
  /** PEM of the CA(s) to trust; the system roots when absent. */
  ca?: string;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  /** Bearer token. */
  token?: string;
  /** A file holding the bearer token, re-read as it rotates (service account tokens). */
  tokenFile?: string;
  /** The current bearer token, asked for on every request (tokens refreshed in memory). */
  tokenSource?: () => string | undefined;
  /** HTTP basic auth, as kubeconfig users may carry it. */
  username?: string;
  password?: string;
  insecure?: boolean;
  /** TLS server name to verify instead of the URL's host. */
  tlsServerName?: string;
  /** Client-side rate limit; qps -1 turns it off. */
  qps: number;
  burst: number;
  userAgent: string;
  /** Per-request timeout in ms for non-watch requests (0: none). */
  timeoutMs?: number;
  /** The context's default namespace. */
  namespace?: string;
}

export const DefaultQPS = 50;
export const DefaultBurst = 100;
export const DefaultUserAgent = `coxswain/0.1.0 (${process.platform}/${process.arch})`;

export interface KubeconfigOptions {
  /** Use this context instead of current-context. */
  context?: string;
  /** Directory relative file references resolve against (the kubeconfig's own directory). */
  baseDir?: string;
  qps?: number;
  burst?: number;
  userAgent?: string;
}

interface Named<T> { name?: string; cluster?: T; user?: T; context?: T }
type Entry = Record<string, unknown>;

function str(e: Entry | undefined, k: string): string | undefined {
  const v = e?.[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function findNamed(list: unknown, name: string, field: 'cluster' | 'user' | 'context'): Entry | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list as Named<Entry>[]) if (item?.name === name) return item[field] ?? {};
  return undefined;
}

/** Inline data (base64) wins over a file reference, as in client-go. */
function dataOrFile(e: Entry, dataKey: string, fileKey: string, baseDir: string): string | undefined {
  const data = str(e, dataKey);
  if (data) return Buffer.from(data, 'base64').toString('utf8');
  const file = str(e, fileKey);
  if (file) return readFileSync(path.resolve(baseDir, expandHome(file)), 'utf8');
  return undefined;
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** Parses kubeconfig YAML into a RestConfig for its current (or the given) context. */
export function configFromKubeconfig(yamlText: string, opts: KubeconfigOptions = {}): RestConfig {
  const doc = parse(yamlText) as Entry | null;
  if (!doc || typeof doc !== 'object') throw new Error('kubeconfig is empty or not a mapping');
  const ctxName = opts.context ?? str(doc, 'current-context');
  if (!ctxName) throw new Error('kubeconfig has no current-context and no context was given');
  const ctx = findNamed(doc['contexts'], ctxName, 'context');
  if (!ctx) throw new Error(`context "${ctxName}" not found in kubeconfig`);
  const clusterName = str(ctx, 'cluster');
  const cluster = clusterName ? findNamed(doc['clusters'], clusterName, 'cluster') : undefined;
  if (!cluster) throw new Error(`cluster "${clusterName ?? ''}" of context "${ctxName}" not found in kubeconfig`);
  const userName = str(ctx, 'user');
  const user = (userName ? findNamed(doc['users'], userName, 'user') : undefined) ?? {};
  const baseDir = opts.baseDir ?? process.cwd();

  const server = str(cluster, 'server');
  if (!server) throw new Error(`cluster "${clusterName}" has no server`);
  const cfg: RestConfig = {
    server: server.replace(/\/+$/, ''),
    qps: opts.qps ?? DefaultQPS,
    burst: opts.burst ?? DefaultBurst,
    userAgent: opts.userAgent ?? DefaultUserAgent,
  };
  const ca = dataOrFile(cluster, 'certificate-authority-data', 'certificate-authority', baseDir);
  if (ca) cfg.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) cfg.insecure = true;
  const tlsServerName = str(cluster, 'tls-server-name');
  if (tlsServerName) cfg.tlsServerName = tlsServerName;
  const cert = dataOrFile(user, 'client-certificate-data', 'client-certificate', baseDir);
  const key = dataOrFile(user, 'client-key-data', 'client-key', baseDir);
  if (cert) cfg.cert = cert;
  if (key) cfg.key = key;
  const token = str(user, 'token');
  if (token) cfg.token = token;
  const tokenFile = str(user, 'tokenFile');
  if (tokenFile && !token) cfg.tokenFile = path.resolve(baseDir, expandHome(tokenFile));
  const username = str(user, 'username');
  const password = str(user, 'password');
  if (username && password) { cfg.username = username; cfg.password = password; }
  const namespace = str(ctx, 'namespace');
  if (namespace) cfg.namespace = namespace;
  return cfg;
}

/** Reads a kubeconfig file; relative paths in it resolve against its directory. */
export function loadKubeconfig(file: string, opts: KubeconfigOptions = {}): RestConfig {
  const abs = path.resolve(expandHome(file));
  return configFromKubeconfig(readFileSync(abs, 'utf8'), { baseDir: path.dirname(abs), ...opts });
}

export const ServiceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface InClusterOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the service account token, ca.crt and namespace are mounted. */
  serviceAccountDir?: string;
  qps?: number;
  burst?: number;
  userAgent?: string;
}

/** The config of a pod: KUBERNETES_SERVICE_HOST/PORT and the mounted service account. */
export function inClusterConfig(opts: InClusterOptions = {}): RestConfig {
  const env = opts.env ?? process.env;
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'];
  if (!host || !port) {
    throw new Error('unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined');
  }
  const dir = opts.serviceAccountDir ?? ServiceAccountDir;
  const tokenFile = path.join(dir, 'token');
  // Fail early, as client-go does, when the token is not mounted.
  readFileSync(tokenFile, 'utf8');
  const cfg: RestConfig = {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    tokenFile,
    ca: readFileSync(path.join(dir, 'ca.crt'), 'utf8'),
    qps: opts.qps ?? DefaultQPS,
    burst: opts.burst ?? DefaultBurst,
    userAgent: opts.userAgent ?? DefaultUserAgent,
  };
  try {
    const ns = readFileSync(path.join(dir, 'namespace'), 'utf8').trim();
    if (ns) cfg.namespace = ns;
  } catch {
    // No namespace file: callers fall back to "default".
  }
  return cfg;
}

/**
 * The usual lookup: an explicit kubeconfig path, else $KUBECONFIG (first existing entry), else
 * in-cluster when running in a pod, else ~/.kube/config.
 */
export function loadConfig(kubeconfigPath?: string, opts: KubeconfigOptions = {}): RestConfig {
  if (kubeconfigPath) return loadKubeconfig(kubeconfigPath, opts);
  const fromEnv = process.env['KUBECONFIG'];
  if (fromEnv) {
    for (const p of fromEnv.split(path.delimiter)) {
      if (!p) continue;
      try {
        readFileSync(p);
      } catch {
        continue;
      }
      return loadKubeconfig(p, opts);
    }
  }
  if (process.env['KUBERNETES_SERVICE_HOST']) return inClusterConfig(opts);
  return loadKubeconfig(path.join(os.homedir(), '.kube', 'config'), opts);
}
