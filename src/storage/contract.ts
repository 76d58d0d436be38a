// The one contract suite every storage driver runs (memory, sqlite, etcd). Tests only assume what
// the Store interface promises: revisions are compared relative to each other, never absolute.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError,
} from './interface.ts';
import type { Store, WatchEvent, Watcher } from './interface.ts';

/** Collects watch events; `until` resolves once n events arrived (or rejects on timeout/error). */
class Collector {
  readonly events: WatchEvent[] = [];
  error: Error | undefined;
  private wake: (() => void) | undefined;
  readonly handlers = {
    onEvents: (evs: WatchEvent[]) => { this.events.push(...evs); this.wake?.(); },
    onError: (err: Error) => { this.error = err; this.wake?.(); },
  };

  async until(n: number, timeoutMs = 5000): Promise<WatchEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < n && this.error === undefined) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${n} events, got ${this.events.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
    }
    if (this.events.length < n && this.error) throw this.error;
    return this.events.slice(0, n);
  }

  async failure(timeoutMs = 5000): Promise<Error> {
    const deadline = Date.now() + timeoutMs;
    while (this.error === undefined) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a watch error');
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.error;
  }
}

const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

function summary(evs: WatchEvent[]): string[] {
  return evs.map((e) => `${e.type} ${e.kv.key}=${e.kv.value}`);
}

export function runContractSuite(name: string, open: () => Promise<Store>): void {
  describe(`storage contract: ${name}`, () => {
    const withStore = (title: string, fn: (s: Store) => Promise<void>) =>
      it(title, async () => {
        const store = await open();
        try { await fn(store); } finally { await store.close(); }
      });

    withStore('create, get, update and delete with revisions moving forward', async (s) => {
      const before = await s.currentRevision();
      const created = await s.create('/t/a', 'v1');
      assert.equal(created.key, '/t/a');
      assert.equal(created.value, 'v1');
      assert.ok(created.modRevision > before);
      assert.equal(created.createRevision, created.modRevision);
      assert.deepEqual(await s.get('/t/a'), created);
      assert.equal(await s.currentRevision(), created.modRevision);

      const updated = await s.update('/t/a', 'v2', created.modRevision);
      assert.equal(updated.value, 'v2');
      assert.equal(updated.createRevision, created.createRevision);
      assert.ok(updated.modRevision > created.modRevision);
      assert.deepEqual(await s.get('/t/a'), updated);

      const deleted = await s.delete('/t/a', updated.modRevision);
      assert.equal(deleted.value, 'v2', 'delete returns the value the key had');
      assert.ok(deleted.modRevision > updated.modRevision);
      assert.equal(await s.get('/t/a'), undefined);
      assert.equal(await s.currentRevision(), deleted.modRevision);

      const again = await s.create('/t/a', 'v3');
      assert.equal(again.createRevision, again.modRevision, 'a re-created key starts a new incarnation');
    });

    withStore('typed errors: KeyExists, KeyNotFound, Conflict', async (s) => {
      const a = await s.create('/t/a', 'x');
      await assert.rejects(s.create('/t/a', 'y'), KeyExistsError);
      await assert.rejects(s.update('/t/missing', 'y', 1), KeyNotFoundError);
      await assert.rejects(s.delete('/t/missing'), KeyNotFoundError);
      const err = await s.update('/t/a', 'y', a.modRevision + 1000).catch((e: unknown) => e);
      assert.ok(err instanceof ConflictError);
      assert.equal(err.currentRevision, a.modRevision);
      await assert.rejects(s.delete('/t/a', a.modRevision + 1000), ConflictError);
      assert.equal((await s.get('/t/a'))?.value, 'x', 'failed writes change nothing');
      await s.delete('/t/a');
      await assert.rejects(s.update('/t/a', 'z', a.modRevision), KeyNotFoundError);
    });

    withStore('list by prefix returns keys in order and never matches siblings', async (s) => {
      for (const k of ['/a/b/2', '/a/b/1', '/a/bc', '/a/b', '/a/b/3/x', '/a/c/1']) await s.create(k, k);
      const res = await s.list('/a/b/');
      assert.deepEqual(res.items.map((i) => i.key), ['/a/b/1', '/a/b/2', '/a/b/3/x']);
      assert.equal(res.remaining, 0);
      assert.equal(res.revision, await s.currentRevision());
      assert.equal(await s.count('/a/b/'), 3);
      assert.equal(await s.count('/a/'), 6);
      assert.equal(await s.count('/zzz/'), 0);
      await s.delete('/a/b/2');
      assert.deepEqual((await s.list('/a/b/')).items.map((i) => i.key), ['/a/b/1', '/a/b/3/x']);
      assert.equal(await s.count('/a/b/'), 2);
    });

    withStore('list at an old revision sees the state of that revision', async (s) => {
      const a1 = await s.create('/t/a', 'a1');
      await s.create('/t/b', 'b1');
      const rev = await s.currentRevision();
      await s.update('/t/a', 'a2', a1.modRevision);
      await s.delete('/t/b');
      await s.create('/t/c', 'c1');
      const old = await s.list('/t/', { revision: rev });
      assert.equal(old.revision, rev);
      assert.deepEqual(old.items.map((i) => `${i.key}=${i.value}`), ['/t/a=a1', '/t/b=b1']);
      assert.deepEqual(old.items[0], a1);
      const now = await s.list('/t/');
      assert.deepEqual(now.items.map((i) => `${i.key}=${i.value}`), ['/t/a=a2', '/t/c=c1']);
    });

    withStore('limit and startAfter paginate with a correct remaining count', async (s) => {
      for (let i = 0; i < 7; i++) await s.create(`/p/k${i}`, String(i));
      await s.create('/q/other', 'x');
      const rev = await s.currentRevision();
      const page1 = await s.list('/p/', { limit: 3 });
      assert.deepEqual(page1.items.map((i) => i.key), ['/p/k0', '/p/k1', '/p/k2']);
      assert.equal(page1.remaining, 4);
      // Writes between pages must not show when the next page is read at the first page's revision.
      await s.create('/p/k3a', 'late');
      const page2 = await s.list('/p/', { limit: 3, startAfter: '/p/k2', revision: page1.revision });
      assert.deepEqual(page2.items.map((i) => i.key), ['/p/k3', '/p/k4', '/p/k5']);
      assert.equal(page2.remaining, 1);
      assert.equal(page2.revision, rev);
      const page3 = await s.list('/p/', { limit: 3, startAfter: '/p/k5', revision: rev });
      assert.deepEqual(page3.items.map((i) => i.key), ['/p/k6']);
      assert.equal(page3.remaining, 0);
      const fresh = await s.list('/p/', { startAfter: '/p/k3' });
      assert.deepEqual(fresh.items.map((i) => i.key), ['/p/k3a', '/p/k4', '/p/k5', '/p/k6']);
    });

    withStore('concurrent compare-and-swap incrementers lose no update', async (s) => {
      await s.create('/t/counter', '0');
      const workers = 20;
      const perWorker = 5;
      let conflicts = 0;
      const work = async () => {
        for (let done = 0; done < perWorker;) {
          const cur = await s.get('/t/counter');
          assert.ok(cur);
          try {
            await s.update('/t/counter', String(Number(cur.value) + 1), cur.modRevision);
            done++;
          } catch (err) {
            if (!(err instanceof ConflictError)) throw err;
            conflicts++;
          }
        }
      };
      await Promise.all(Array.from({ length: workers }, work));
      assert.equal((await s.get('/t/counter'))?.value, String(workers * perWorker));
      assert.ok(conflicts >= 0);
    });

    withStore('watch delivers events in revision order with correct prevKv', async (s) => {
      const c = new Collector();
      const w = s.watch('/w/', 0, c.handlers);
      try {
        await settle();
        const a = await s.create('/w/a', '1');
        const a2 = await s.update('/w/a', '2', a.modRevision);
        await s.create('/other/x', 'ignored');
        const b = await s.create('/w/b', '1');
        const del = await s.delete('/w/a');
        const evs = await c.until(4);
        assert.deepEqual(summary(evs), ['PUT /w/a=1', 'PUT /w/a=2', 'PUT /w/b=1', 'DELETE /w/a=2']);
        for (let i = 1; i < evs.length; i++) {
          assert.ok((evs[i]?.kv.modRevision ?? 0) > (evs[i - 1]?.kv.modRevision ?? 0), 'strictly increasing');
        }
        assert.deepEqual(evs[0]?.kv, a);
        assert.equal(evs[0]?.prevKv, undefined, 'a create has no prevKv');
        assert.deepEqual(evs[1]?.kv, a2);
        assert.deepEqual(evs[1]?.prevKv, a);
        assert.deepEqual(evs[2]?.kv, b);
        assert.equal(evs[3]?.kv.modRevision, del.modRevision, 'delete kv carries the deletion revision');
        assert.equal(evs[3]?.kv.value, '2', 'delete carries the old value');
        assert.deepEqual(evs[3]?.prevKv, a2);
        await settle();
        assert.equal(c.events.length, 4, 'no extra events');
      } finally { w.close(); }
    });

    withStore('watch from an old revision replays exactly the missed events, then live ones', async (s) => {
      await s.create('/w/before', 'x');
      const from = await s.currentRevision();
      const a = await s.create('/w/a', '1');
      await s.update('/w/a', '2', a.modRevision);
      await s.create('/w/b', '1');
      const c = new Collector();
      const w = s.watch('/w/', from, c.handlers);
      try {
        const replayed = await c.until(3);
        assert.deepEqual(summary(replayed), ['PUT /w/a=1', 'PUT /w/a=2', 'PUT /w/b=1']);
        assert.deepEqual(replayed[1]?.prevKv, a);
        await s.delete('/w/b');
        await s.create('/w/c', '1');
        const all = await c.until(5);
        assert.deepEqual(summary(all.slice(3)), ['DELETE /w/b=1', 'PUT /w/c=1']);
        await settle();
        assert.equal(c.events.length, 5, 'no duplicates');
        const revs = c.events.map((e) => e.kv.modRevision);
        assert.deepEqual(revs, [...revs].sort((x, y) => x - y));
        assert.equal(new Set(revs).size, revs.length);
      } finally { w.close(); }
    });

    withStore('watch started while writes are in flight misses and duplicates nothing', async (s) => {
      await s.create('/before', 'x'); // fromRevision 0 would mean "from now"
      const from = await s.currentRevision();
      const writes = Array.from({ length: 30 }, (_, i) => s.create(`/w/k${String(i).padStart(2, '0')}`, 'v'));
      const c = new Collector();
      const w = s.watch('/w/', from, c.handlers);
      try {
        await Promise.all(writes);
        const evs = await c.until(30);
        await settle();
        assert.equal(c.events.length, 30);
        assert.deepEqual(new Set(evs.map((e) => e.kv.key)).size, 30);
      } finally { w.close(); }
    });

    withStore('watch with a prefix filter sees only its keys', async (s) => {
      const c = new Collector();
      const w = s.watch('/a/b/', 0, c.handlers);
      try {
        await settle();
        await s.create('/a/bc', 'sibling');
        await s.create('/a/b', 'parent');
        await s.create('/a/b/x', 'child');
        await s.create('/a/c/y', 'other');
        await s.create('/a/b/y', 'child');
        const evs = await c.until(2);
        await settle();
        assert.deepEqual(summary(c.events), ['PUT /a/b/x=child', 'PUT /a/b/y=child']);
        assert.deepEqual(summary(evs), summary(c.events));
      } finally { w.close(); }
    });

    withStore('a closed watch receives nothing more', async (s) => {
      const c = new Collector();
      const w = s.watch('/w/', 0, c.handlers);
      await settle();
      await s.create('/w/a', '1');
      await c.until(1);
      w.close();
      await s.create('/w/b', '1');
      await settle();
      assert.equal(c.events.length, 1);
    });

    withStore('compaction: old revisions give CompactedError, current state is kept', async (s) => {
      const a = await s.create('/c/a', '1');
      const old = await s.currentRevision();
      await s.update('/c/a', '2', a.modRevision);
      await s.create('/c/b', '1');
      await s.delete('/c/b');
      const keep = await s.create('/c/keep', 'k');
      await s.update('/c/a', '3', (await s.get('/c/a'))?.modRevision ?? 0);
      const compactAt = await s.currentRevision();
      await s.create('/c/after', 'x');
      await s.compact(compactAt);
      assert.ok(await s.compactedRevision() >= compactAt);

      await assert.rejects(s.list('/c/', { revision: old }), CompactedError);
      const c = new Collector();
      const w = s.watch('/c/', old, c.handlers);
      try {
        const err = await c.failure();
        assert.ok(err instanceof CompactedError, `got ${err.name}: ${err.message}`);
        assert.equal(c.events.length, 0);
      } finally { w.close(); }

      const atCompact = await s.list('/c/', { revision: compactAt });
      assert.deepEqual(atCompact.items.map((i) => `${i.key}=${i.value}`), ['/c/a=3', '/c/keep=k']);
      assert.deepEqual((await s.get('/c/keep')), keep);
      assert.deepEqual((await s.list('/c/')).items.map((i) => i.key), ['/c/a', '/c/after', '/c/keep']);

      // A watch from the compacted revision still replays what came after it, with prevKv.
      const c2 = new Collector();
      const w2 = s.watch('/c/', compactAt, c2.handlers);
      try {
        assert.deepEqual(summary(await c2.until(1)), ['PUT /c/after=x']);
        const cur = await s.get('/c/a');
        await s.update('/c/a', '4', cur?.modRevision ?? 0);
        const evs = await c2.until(2);
        assert.equal(evs[1]?.prevKv?.value, '3', 'prevKv survives compaction of older history');
      } finally { w2.close(); }
    });

    withStore('a list larger than 4 MB in total comes back whole', async (s) => {
      const big = 'b'.repeat(100_000);
      await Promise.all(Array.from({ length: 50 }, (_, i) => s.create(`/big/${String(i).padStart(2, '0')}`, big)));
      const res = await s.list('/big/');
      assert.equal(res.items.length, 50);
      assert.ok(res.items.every((kv) => kv.value === big));
    });

    withStore('list at a future revision gives FutureRevisionError', async (s) => {
      await s.create('/t/a', '1');
      const cur = await s.currentRevision();
      await assert.rejects(s.list('/t/', { revision: cur + 1000 }), FutureRevisionError);
    });

    withStore('health answers and watchers can be many', async (s) => {
      await s.health();
      const collectors = Array.from({ length: 10 }, () => new Collector());
      const watchers: Watcher[] = collectors.map((c) => s.watch('/m/', 0, c.handlers));
      try {
        await settle();
        await s.create('/m/a', '1');
        for (const c of collectors) assert.equal((await c.until(1))[0]?.kv.key, '/m/a');
      } finally { for (const w of watchers) w.close(); }
    });
  });
}
