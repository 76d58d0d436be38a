// Starts `cox apiserver` as a separate child process for a benchmark: its own temp data dir, a
// free port (--secure-port 0), the given datastore endpoint. Reads the admin kubeconfig it writes
// and the child's memory from /proc. stop() ends exactly that pid and removes the dir.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { installedJemalloc } from '../../src/cmd/idlememory.ts';
import { onCleanup } from './cleanup.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const NODE = path.join(ROOT, 'node_modules/.bin/node');

export interface Credentials { server: string; ca: string; cert: string; key: string }

export interface BenchApiServer {
  pid: number;
  dataDir: string;
  creds: Credentials;
  /** VmRSS, VmHWM and RssAnon (RSS less mapped files such as the node binary) in bytes. */
  memory(): ProcMemory;
  /** CPU the child has used (all threads) and time its main thread waited for a CPU, in ms. */
  cpu(): ProcCpu;
  /** The last 20 kB of the server's output. */
  log(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** e.g. sqlite:///tmp/x/state.db, etcd://127.0.0.1:2379, memory:// — 'DATA_DIR' is replaced. */
  datastoreEndpoint: string;
  /** Write a V8 CPU profile of the server into this directory when it stops. */
  cpuProfDir?: string;
  /** More flags for the server's node, e.g. --trace-gc (its output is kept in log()). */
  nodeArgs?: string[];
  /** More flags for `cox apiserver`, e.g. ['--token-auth-file', FILE]. */
  coxArgs?: string[];
  timeoutMs?: number;
}

function b64(s: unknown): string {
  return typeof s === 'string' ? Buffer.from(s, 'base64').toString('utf8') : '';
}

export function readCredentials(kubeconfigPath: string): Credentials {
  interface Kubeconfig {
    clusters?: { cluster?: { server?: string; 'certificate-authority-data'?: string } }[];
    users?: { user?: { 'client-certificate-data'?: string; 'client-key-data'?: string } }[];
  }
  const cfg = YAML.parse(fs.readFileSync(kubeconfigPath, 'utf8')) as Kubeconfig;
  const cluster = cfg.clusters?.[0]?.cluster;
  const user = cfg.users?.[0]?.user;
  const creds = { server: cluster?.server ?? '', ca: b64(cluster?.['certificate-authority-data']), cert: b64(user?.['client-certificate-data']), key: b64(user?.['client-key-data']) };
  if (!creds.server || !creds.ca || !creds.cert || !creds.key) throw new Error(`${kubeconfigPath}: no server, CA or client certificate`);
  return creds;
}

export interface ProcMemory { rss: number; hwm: number; anon: number }

export function procMemory(pid: number): ProcMemory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon') };
}

export interface ProcCpu { cpuMs: number; runqueueWaitMs: number }

/** utime+stime from /proc/PID/stat (clock ticks, 100 Hz on Linux) and run-queue wait from schedstat. */
export function procCpu(pid: number): ProcCpu {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
  let runqueueWaitMs = NaN;
  try { runqueueWaitMs = Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6; } catch { /* no schedstats */ }
  return { cpuMs, runqueueWaitMs };
}

/** Newest modification time of the .ts files below dir. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The allocator bin/cox preloads (jemalloc when installed, unless COX_MALLOC=libc), or undefined. */
export function coxMalloc(): string | undefined {
  return process.env['COX_MALLOC'] === 'libc' ? undefined : installedJemalloc();
}

/** The environment bin/cox gives the server: this one, with jemalloc and its background thread as it sets them. */
function coxEnv(): NodeJS.ProcessEnv {
  const lib = coxMalloc();
  if (!lib) return process.env;
  const preload = process.env['LD_PRELOAD'];
  const conf = process.env['MALLOC_CONF'];
  return {
    ...process.env, COX_PRELOAD_RESTORE: preload ?? '', LD_PRELOAD: preload ? `${lib}:${preload}` : lib,
    COX_MALLOC_CONF_RESTORE: conf ?? '', MALLOC_CONF: conf ? `background_thread:true,${conf}` : 'background_thread:true',
  };
}

/** What `bin/cox` runs: the compiled build when it is current (`npm run build`), else the sources. */
export function coxEntry(): string {
  const stamp = path.join(ROOT, 'dist/.stamp');
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSource(path.join(ROOT, 'src'))) return path.join(ROOT, 'dist/cmd/cox.js');
  return path.join(ROOT, 'src/cmd/cox.ts');
}

export async function startApiServer(o: StartOptions): Promise<BenchApiServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-bench-api-'));
  const endpoint = o.datastoreEndpoint.replace('DATA_DIR', dataDir);
  // The V8 flags bin/cox runs the server with, so the bench measures what users run.
  const coxFlags = fs.readFileSync(path.join(ROOT, 'bin/node-flags'), 'utf8').trim().split(/\s+/).filter(Boolean);
  const nodeArgs = [...coxFlags, ...(o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : []), ...(o.nodeArgs ?? [])];
  const child = spawn(NODE, [...nodeArgs, coxEntry(), 'apiserver',
    '--data-dir', dataDir, '--secure-port', '0', '--datastore-endpoint', endpoint, ...(o.coxArgs ?? [])], { stdio: ['ignore', 'pipe', 'pipe'], env: coxEnv() });
  let output = '';
  const keep = (c: Buffer): void => { output = (output + c.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;

  const stop = onCleanup(async () => {
    if (running()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => { if (running()) child.kill('SIGKILL'); }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  let url = '';
  while (!url) {
    url = / ready in [\d.]+s at (https:\/\/\S+)/.exec(output)?.[1] ?? '';
    if (url) break;
    if (!running() || Date.now() > deadline) {
      await stop();
      throw new Error(`cox apiserver (${endpoint}) did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  // The server writes its kubeconfig atomically but may print "ready" just before it lands.
  const kubeconfig = path.join(dataDir, 'admin.kubeconfig');
  while (!fs.existsSync(kubeconfig)) {
    if (Date.now() > deadline) { await stop(); throw new Error(`no ${kubeconfig}`); }
    await new Promise((r) => setTimeout(r, 25));
  }
  const creds = readCredentials(kubeconfig);
  if (creds.server !== url) throw new Error(`kubeconfig server ${creds.server} differs from ${url}`);
  const pid = child.pid ?? 0;
  return { pid, dataDir, creds, memory: () => procMemory(pid), cpu: () => procCpu(pid), log: () => output, stop };
}
