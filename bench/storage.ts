// Storage benchmark: memory, SQLite and a private etcd (started here) in one run.
//   node_modules/.bin/node bench/storage.ts [--smoke]
// Prints sequential and concurrent create throughput, get latency, a full list, and for SQLite
// the file size (db + wal) through a churn of updates with the compactor running.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStore, SqliteStore, startCompactor } from '../src/storage/index.ts';
import { EtcdStore } from '../src/storage/etcd.ts';
import type { Store } from '../src/storage/index.ts';
import { startEtcd } from '../src/storage/etcd-testing.ts';

const smoke = process.argv.includes('--smoke');
const sizes = smoke
  ? { sequential: 2000, concurrent: 2000, gets: 1000, listKeys: 2000, churn: 20_000, etcdScale: 0.25 }
  : { sequential: 20_000, concurrent: 20_000, gets: 10_000, listKeys: 10_000, churn: 1_000_000, etcdScale: 0.25 };
const CONCURRENCY = 64;
const VALUE = JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'x', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, pad: 'p'.repeat(600) });

interface Row { driver: string; seqPerSec: number; concPerSec: number; getP50: number; getP99: number; listMs: number; listKeys: number }

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function measure(driver: string, store: Store, scale: number): Promise<Row> {
  const seqN = Math.round(sizes.sequential * scale);
  let t = performance.now();
  for (let i = 0; i < seqN; i++) await store.create(`/bench/seq/${i}`, VALUE);
  const seqPerSec = rate(seqN, performance.now() - t);

  const concN = Math.round(sizes.concurrent * scale);
  let next = 0;
  t = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < concN) await store.create(`/bench/conc/${next++}`, VALUE);
  }));
  const concPerSec = rate(concN, performance.now() - t);

  const lat: number[] = [];
  for (let i = 0; i < sizes.gets; i++) {
    const key = `/bench/seq/${Math.floor(Math.random() * seqN)}`;
    const s = performance.now();
    await store.get(key);
    lat.push(performance.now() - s);
  }
  lat.sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? 0;

  // A list of listKeys keys: top the sequential keys up to that many under their own prefix.
  const listKeys = sizes.listKeys;
  next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < listKeys) await store.create(`/bench/list/${next++}`, VALUE);
  }));
  t = performance.now();
  const listed = await store.list('/bench/list/');
  const listMs = performance.now() - t;
  if (listed.items.length !== listKeys) throw new Error(`${driver}: listed ${listed.items.length} of ${listKeys}`);
  return { driver, seqPerSec, concPerSec, getP50: pct(0.5), getP99: pct(0.99), listMs, listKeys };
}

function dbSize(file: string): number {
  let total = 0;
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) total += fs.statSync(f).size;
  return total;
}

/** Updates over 1,000 keys with the compactor compacting every 10,000 writes (keeping 10,000). */
async function churn(file: string, writes: number): Promise<{ perSec: number; maxBytes: number; endBytes: number }> {
  const store = new SqliteStore(file);
  const compactor = startCompactor(store, { intervalMs: 3_600_000, retainRevisions: 10_000 });
  try {
    const keys = 1000;
    const revs: number[] = [];
    for (let i = 0; i < keys; i++) revs.push((await store.create(`/churn/${i}`, VALUE)).modRevision);
    let maxBytes = 0;
    const t = performance.now();
    for (let n = 0; n < writes; n++) {
      const i = n % keys;
      revs[i] = (await store.update(`/churn/${i}`, VALUE, revs[i] ?? 0)).modRevision;
      if (n % 10_000 === 9_999) {
        await compactor.runOnce();
        maxBytes = Math.max(maxBytes, dbSize(file));
      }
    }
    const perSec = rate(writes, performance.now() - t);
    return { perSec, maxBytes: Math.max(maxBytes, dbSize(file)), endBytes: dbSize(file) };
  } finally {
    await compactor.stop();
    await store.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cox-bench-storage-'));
  const etcd = await startEtcd();
  const rows: Row[] = [];
  try {
    rows.push(await measure('memory', new MemoryStore(), 1));
    const sqlite = new SqliteStore(path.join(dir, 'bench.db'));
    rows.push(await measure('sqlite', sqlite, 1));
    await sqlite.close();
    const etcdStore = new EtcdStore({ hosts: [etcd.endpoint], prefix: '/bench' });
    rows.push(await measure('etcd', etcdStore, sizes.etcdScale));
    await etcdStore.close();

    const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
    console.log(`storage benchmark${smoke ? ' (smoke)' : ''} — ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
    console.log('driver  seq creates/s  conc(64) creates/s  get p50 ms  get p99 ms  list keys  list ms');
    for (const r of rows) {
      console.log(`${r.driver.padEnd(7)} ${String(r.seqPerSec).padStart(13)} ${String(r.concPerSec).padStart(19)} ${r.getP50.toFixed(3).padStart(11)} ${r.getP99.toFixed(3).padStart(11)} ${String(r.listKeys).padStart(10)} ${r.listMs.toFixed(1).padStart(8)}`);
    }
    const c = await churn(path.join(dir, 'churn.db'), sizes.churn);
    console.log(`sqlite churn: ${sizes.churn} updates over 1000 keys (~${VALUE.length} B values), compacting every 10k keeping 10k: ` +
      `${c.perSec} updates/s, max db+wal ${mb(c.maxBytes)}, end ${mb(c.endBytes)} ` +
      `(uncompacted log would be ~${mb(sizes.churn * VALUE.length)})`);
  } finally {
    await etcd.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
