// The embedded SQLite driver, registered as sqlite:///abs/path.db, sqlite://relative/path.db or
// sqlite::memory: (a private in-memory database, for tests).
import type { Store } from '../interface.ts';
import { SqliteStore } from './store.ts';

export { SqliteStore } from './store.ts';

export function sqlitePathFromUrl(url: URL): string {
  if (url.pathname === ':memory:' || url.host === ':memory:') return ':memory:';
  const path = decodeURIComponent(url.host + url.pathname);
  if (path === '') throw new Error(`sqlite URL has no path: ${url.href}`);
  return path;
}

export async function openSqliteStore(url: URL): Promise<Store> {
  return new SqliteStore(sqlitePathFromUrl(url));
}
