// Starts a real `cox server` child process on a free port with its own data dir, and runs the
// real kubectl against it. Everything is removed afterwards, even when a test fails.

import { spawn, execFile } from 'node:child_process';
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
  const proc = spawn(NODE, [path.join(ROOT, 'src/cmd/cox.ts'), 'server', '--data-dir', dataDir, '--secure-port', '0', ...args], {
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
