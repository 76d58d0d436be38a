// Starts a real `cox server` child process on a free port with its own data dir, and runs the
// real kubectl against it. Everything is removed afterwards, even when a test fails.

import { spawn, execFile } from 'node:child_process';
import { after, before } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const NODE = path.join(ROOT, 'node_modules/.bin/node');
export const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';
/** The kubectl versions at both ends of the supported range. */
export const KUBECTLS = ['1.27', '1.33'].map((v) => ({ version: v, bin: path.join(KUBECTL_DIR, `kubectl.${v}`) }));

export interface Cluster {
  dataDir: string;
  kubeconfig: string;
  server: string;
  proc: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

export async function startCluster(args: string[] = [], timeoutMs = 60_000): Promise<Cluster> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cox-e2e-'));
  const kubeconfig = path.join(dataDir, 'admin.kubeconfig');
  let output = '';
  // Free ports for every component, so clusters of concurrent test files never collide.
  const ports = ['--scheduler-port', '--controller-manager-port'].flatMap((f) => (args.includes(f) ? [] : [f, '0']));
  const proc = spawn(NODE, [path.join(ROOT, 'src/cmd/cox.ts'), 'server', '--data-dir', dataDir, '--secure-port', '0', ...ports, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (c: Buffer) => { output += c.toString(); });
  proc.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  const stop = async (): Promise<void> => {
    if (!exited && proc.pid) {
      proc.kill('SIGTERM');
      const deadline = Date.now() + 5000;
      while (!exited && Date.now() < deadline) await sleep(50);
      if (!exited) proc.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!output.includes(' ready in ')) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`cox server did not become ready:\n${output}`);
    }
    await sleep(50);
  }
  if (!existsSync(kubeconfig)) { await stop(); throw new Error('no admin.kubeconfig'); }
  const cfg = YAML.parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] };
  return { dataDir, kubeconfig, server: cfg.clusters[0]?.cluster.server ?? '', proc, log: () => output, stop };
}

export interface Run { code: number; stdout: string; stderr: string }

export function kubectl(bin: string, kubeconfig: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(bin, args, {
      env: { ...process.env, KUBECONFIG: kubeconfig, HOME: path.dirname(kubeconfig), KUBECACHEDIR: path.join(path.dirname(kubeconfig), 'kcache') },
      timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
    }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (input !== undefined) { child.stdin?.end(input); }
  });
}

export function sleep(ms: number): Promise<void> { return new Promise((r) => setTimeout(r, ms)); }

// ---- Shared helpers for the e2e test files: one server per file, kubectl per version, polling.


/** Starts one cluster for the whole test file (in `before`) and stops it in `after`, even on failure. */
/**
 * `cox server` with the API machinery alone (no scheduler, no controller manager): for tests of
 * API semantics, whose objects must stay exactly as the test wrote them.
 */
export const API_ONLY = ['--scheduler-port', '-1', '--controller-manager-port', '-1'];

export function useCluster(args: string[] = []): () => Cluster {
  let cluster: Cluster | undefined;
  before(async () => { cluster = await startCluster(args); }, { timeout: 90_000 });
  after(async () => { await cluster?.stop(); });
  return () => {
    if (!cluster) throw new Error('cluster not started');
    return cluster;
  };
}

export interface Kubectl {
  version: string;
  /** Runs kubectl and returns its exit code and output, whatever they are. */
  run(args: string[], input?: string): Promise<Run>;
  /** Runs kubectl and fails (with its output) unless it exits 0; returns stdout. */
  ok(args: string[], input?: string): Promise<string>;
  /** Runs kubectl and fails unless it exits non-zero; returns the result. */
  fails(args: string[], input?: string): Promise<Run>;
}

export function kubectlFor(cluster: () => Cluster, k: { version: string; bin: string }): Kubectl {
  const run = (args: string[], input?: string): Promise<Run> => kubectl(k.bin, cluster().kubeconfig, args, input);
  return {
    version: k.version,
    run,
    async ok(args, input) {
      const r = await run(args, input);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
      return r.stdout;
    },
    async fails(args, input) {
      const r = await run(args, input);
      if (r.code === 0) throw new Error(`kubectl ${args.join(' ')} succeeded but should have failed\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
      return r;
    },
  };
}

/** A namespace name for one scenario under one kubectl version, e.g. `get-labels-133`. */
export function nsFor(scenario: string, version: string): string {
  return `${scenario}-${version.replace('.', '')}`;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after the deadline with the last state. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) { lastError = err; }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError instanceof Error ? lastError.message : String(lastError)}` : ''}`);
    }
    await sleep(100);
  }
}

export interface Background {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Kills the child (by its pid) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts a long-running kubectl (e.g. `get -w`) in the background; the caller must stop() it. */
export function spawnKubectl(bin: string, kubeconfig: string, args: string[]): Background {
  const proc = spawn(bin, args, {
    env: { ...process.env, KUBECONFIG: kubeconfig, HOME: path.dirname(kubeconfig), KUBECACHEDIR: path.join(path.dirname(kubeconfig), 'kcache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let exited = proc.exitCode !== null;
  proc.stdout?.on('data', (c: Buffer) => { out += c.toString(); });
  proc.stderr?.on('data', (c: Buffer) => { err += c.toString(); });
  proc.on('exit', () => { exited = true; });
  proc.on('error', () => { exited = true; });
  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (exited || !proc.pid) return;
      process.kill(proc.pid, 'SIGTERM');
      const deadline = Date.now() + 5000;
      while (!exited && Date.now() < deadline) await sleep(50);
      if (!exited) process.kill(proc.pid, 'SIGKILL');
    },
  };
}

/** Splits kubectl table output into rows of whitespace-separated cells (header first). */
export function tableRows(out: string): string[][] {
  return out.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s{2,}|\t/).map((c) => c.trim()));
}

/** The header cells of a kubectl table. */
export function headers(out: string): string[] {
  return (out.split('\n')[0] ?? '').trim().split(/\s{2,}/);
}

/** Parses kubectl table output into records keyed by header, cutting each line at the header's column offsets. */
export function parseTable(out: string): Record<string, string>[] {
  const lines = out.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0] ?? '';
  const cols: { name: string; start: number }[] = [];
  for (const m of header.matchAll(/\S+(?: \S+)*/g)) cols.push({ name: m[0], start: m.index });
  return lines.slice(1).map((line) => {
    const rec: Record<string, string> = {};
    cols.forEach((c, i) => { rec[c.name] = line.slice(c.start, cols[i + 1]?.start ?? line.length).trim(); });
    return rec;
  });
}
