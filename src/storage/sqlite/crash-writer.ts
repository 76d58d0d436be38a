// Child process for crash.test.ts: creates keys as fast as it can and prints each key only after
// its write resolved (stdout to a pipe is synchronous on Linux, so a printed key was acknowledged).
import { SqliteStore } from './store.ts';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: crash-writer.ts <db path>');
const store = new SqliteStore(file);
const value = 'x'.repeat(200);
for (let i = 0; ; i++) {
  const key = `/crash/${i}`;
  const kv = await store.create(key, value);
  if (i % 3 === 0) await store.update(key, value + i, kv.modRevision);
  process.stdout.write(`${key}\n`);
}
