import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { WatchStream } from './watch.ts';
import type { WatchEvent } from './watch.ts';

type Obj = { metadata: { name: string } };

const line = (type: string, name: string): string => `${JSON.stringify({ type, object: { metadata: { name } } })}\n`;

test('events split across chunks and several per chunk decode in order; the tail needs no newline', async () => {
  const body = new PassThrough();
  const w = new WatchStream<Obj>(async () => body);
  const text = line('ADDED', 'a') + line('MODIFIED', 'a') + line('DELETED', 'a') + line('BOOKMARK', 'b').trimEnd();
  const buf = Buffer.from(text);
  body.write(buf.subarray(0, 7));
  body.write(buf.subarray(7, 60));
  body.end(buf.subarray(60));
  const seen: string[] = [];
  for await (const ev of w) seen.push(`${ev.type} ${(ev.object as Obj).metadata.name}`);
  assert.deepEqual(seen, ['ADDED a', 'MODIFIED a', 'DELETED a', 'BOOKMARK b']);
});

test('a garbage line ends the iteration with an error', async () => {
  const body = new PassThrough();
  const w = new WatchStream<Obj>(async () => body);
  body.write(line('ADDED', 'a'));
  body.write('{not json}\n');
  const seen: WatchEvent<Obj>[] = [];
  await assert.rejects((async () => { for await (const ev of w) seen.push(ev); })(), /undecodable event/);
  assert.equal(seen.length, 1);
});

test('a failed open surfaces as an error; stop() ends a quiet watch and destroys the stream', async () => {
  const failing = new WatchStream<Obj>(async () => { throw new Error('410 gone'); });
  await assert.rejects((async () => { for await (const _ of failing) { /* none */ } })(), /410 gone/);

  const body = new PassThrough();
  const w = new WatchStream<Obj>(async () => body);
  setTimeout(() => w.stop(), 10);
  for await (const _ of w) assert.fail('no events expected');
  assert.ok(body.destroyed);
});

test('a slow consumer pauses the stream and resumes it once drained', async () => {
  const body = new PassThrough();
  const w = new WatchStream<Obj>(async () => body);
  await new Promise((r) => setImmediate(r));
  let all = '';
  for (let i = 0; i < 300; i++) all += line('ADDED', `o${i}`);
  body.write(all);
  await new Promise((r) => setImmediate(r));
  assert.equal(body.isPaused(), true);
  let n = 0;
  for await (const _ of w) {
    n++;
    if (n === 300) break;
  }
  assert.equal(n, 300);
});
