// Storage entry point: openStore(url) picks a driver by URL scheme (kine's drivers/registry.go in
// spirit). memory:// — in-process, for tests; sqlite:///abs/state.db, sqlite://relative/state.db
// or sqlite::memory: — the embedded default; etcd://host:port[,host:port…][?prefix=/coxswain].
import type { DriverFactory, Store } from './interface.ts';
import { openMemoryStore } from './memory.ts';
import { openSqliteStore } from './sqlite/index.ts';
import { normalizeEtcdUrl } from './etcd-url.ts';

export * from './interface.ts';
export { startCompactor, DEFAULT_COMPACTION_INTERVAL_MS, DEFAULT_RETAIN_REVISIONS } from './compactor.ts';
export type { Compactor, CompactorOptions } from './compactor.ts';
export { MemoryStore } from './memory.ts';
export { SqliteStore, sqlitePathFromUrl } from './sqlite/index.ts';
// The etcd driver (and its gRPC stack, ~35 MB of RSS) loads only when an etcd:// URL is opened:
// import EtcdStore from './etcd.ts' directly where it is needed.
export type { EtcdOptions } from './etcd.ts';

const drivers = new Map<string, DriverFactory>();

/** Registers a driver for a URL scheme such as 'sqlite:' (with the colon, as URL.protocol has it). */
export function registerDriver(scheme: string, factory: DriverFactory): void {
  drivers.set(scheme, factory);
}

registerDriver('memory:', () => openMemoryStore());
registerDriver('sqlite:', openSqliteStore);
registerDriver('etcd:', async (url) => (await import('./etcd.ts')).openEtcdStore(url));

export async function openStore(url: string): Promise<Store> {
  const parsed = new URL(url.startsWith('etcd:') ? normalizeEtcdUrl(url) : url);
  const factory = drivers.get(parsed.protocol);
  if (factory === undefined) {
    throw new Error(`unknown storage scheme ${parsed.protocol} in ${url} (known: ${[...drivers.keys()].join(', ')})`);
  }
  return factory(parsed);
}
