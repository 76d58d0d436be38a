import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type { KubeList } from '../../api/types.ts';
import type { ListOptions } from '../request.ts';
import { WatchStream } from '../watch.ts';
import type { ListerWatcher } from './listwatch.ts';
import { Reflector } from './reflector.ts';
import type { ReflectorStore } from './reflector.ts';

type Obj = { metadata: { name: string; resourceVersion: string } };
const obj = (name: string, rv: string): Obj => ({ metadata: { name, resourceVersion: rv } });
const ev = (type: string, object: unknown): string => `${JSON.stringify({ type, object })}\n`;

class FakeLW implements ListerWatcher<Obj> {
  lists: ListOptions[] = [];
  watches: ListOptions[] = [];
  bodies: PassThrough[] = [];
  pages: KubeList<Obj>[] = [];
  list(o: ListOptions): Promise<KubeList<Obj>> {
    this.lists.push(o);
    const page = this.pages.shift();
    return page ? Promise.resolve(page) : Promise.reject(new Error('no more pages'));
  }
  watch(o: ListOptions): WatchStream<Obj> {
    this.watches.push(o);
    const body = new PassThrough();
    this.bodies.push(body);
    return new WatchStream<Obj>(async () => body);
  }
}

class Recorder implements ReflectorStore<Obj> {
  log: string[] = [];
  replace(items: Obj[], rv: string): void { this.log.push(`replace ${items.map((i) => i.metadata.name).join(',')} @${rv}`); }
  add(o: Obj): void { this.log.push(`add ${o.metadata.name}`); }
  update(o: Obj): void { this.log.push(`update ${o.metadata.name}`); }
  delete(o: Obj): void { this.log.push(`delete ${o.metadata.name}`); }
}

const list = (items: Obj[], rv: string, cont?: string): KubeList<Obj> =>
  ({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: rv, continue: cont }, items });

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('lists in pages of 500, watches from the list RV with bookmarks, resumes from the last RV seen', async (t) => {
  const lw = new FakeLW();
  lw.pages.push(list([obj('a', '5')], '10', 'tok'), list([obj('b', '6')], '10'));
  const store = new Recorder();
  const r = new Reflector<Obj>(lw, store, { backoff: { initialMs: 1, jitter: 0 }, onError: () => {} });
  t.after(() => r.stop());
  void r.run();
  await until(() => lw.watches.length === 1, 'the first watch');
  assert.deepEqual(lw.lists, [{ limit: 500, resourceVersion: '0' }, { limit: 500, continue: 'tok' }]);
  assert.deepEqual(store.log, ['replace a,b @10']);
  assert.equal(lw.watches[0]?.resourceVersion, '10');
  assert.equal(lw.watches[0]?.allowWatchBookmarks, true);

  const body = lw.bodies[0] as PassThrough;
  body.write(ev('ADDED', obj('c', '11')) + ev('MODIFIED', obj('a', '12')) + ev('BOOKMARK', { metadata: { resourceVersion: '15' } }));
  body.end(ev('DELETED', obj('b', '16')));
  await until(() => lw.watches.length === 2, 'the second watch');
  assert.deepEqual(store.log.slice(1), ['add c', 'update a', 'delete b']);
  assert.equal(lw.watches[1]?.resourceVersion, '16', 'resumes from the last RV, no relist');
  assert.equal(lw.lists.length, 2);
  assert.equal(r.lastSyncResourceVersion, '16');
});

test('an ERROR event (410 Expired) makes the reflector relist from its last RV', async (t) => {
  const lw = new FakeLW();
  lw.pages.push(list([obj('a', '5')], '10'), list([obj('a', '30')], '31'));
  const store = new Recorder();
  const errors: unknown[] = [];
  const r = new Reflector<Obj>(lw, store, { backoff: { initialMs: 1, jitter: 0 }, onError: (e) => errors.push(e) });
  t.after(() => r.stop());
  void r.run();
  await until(() => lw.watches.length === 1, 'the first watch');
  (lw.bodies[0] as PassThrough).write(ev('MODIFIED', obj('a', '12')) + ev('ERROR', {
    kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version', reason: 'Expired', code: 410,
  }));
  await until(() => lw.watches.length === 2, 'the watch after the relist');
  assert.equal(lw.lists.length, 2);
  assert.equal(lw.lists[1]?.resourceVersion, '12');
  assert.deepEqual(store.log, ['replace a @10', 'update a', 'replace a @31']);
  assert.equal(lw.watches[1]?.resourceVersion, '31');
  assert.equal((errors[0] as { code?: number }).code, 410);
});
