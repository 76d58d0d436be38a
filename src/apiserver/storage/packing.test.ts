import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Packer, UPDATED_DELAY_MS } from './packing.ts';
import type { Packable } from './packing.ts';

test('written entries are packed at the next tick, updated ones only after their delay', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'setImmediate', 'Date'], now: 1_000_000 });
  const packed: string[] = [];
  const entry = (name: string): Packable => ({ pack: () => { packed.push(name); }, textBytes: 100 });
  const p = new Packer({ saturated: () => false });
  try {
    p.add(entry('created'));
    p.add(entry('updated'), true);
    t.mock.timers.tick(1000);
    assert.deepEqual(packed, ['created']);
    t.mock.timers.tick(UPDATED_DELAY_MS - 2000);
    assert.deepEqual(packed, ['created']);
    t.mock.timers.tick(2000);
    assert.deepEqual(packed, ['created', 'updated']);
    // flush packs what is waiting, updated entries included.
    p.add(entry('again'), true);
    p.flush();
    assert.deepEqual(packed, ['created', 'updated', 'again']);
  } finally {
    p.stop();
  }
});

test('a saturated process packs later, unless too much text is waiting', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'setImmediate', 'Date'], now: 1_000_000 });
  const packed: string[] = [];
  const entry = (name: string, textBytes: number): Packable => ({ pack: () => { packed.push(name); }, textBytes });
  let saturated = true;
  const p = new Packer({ saturated: () => saturated, deferLimitBytes: 1000 });
  try {
    p.add(entry('a', 400));
    p.add(entry('b', 400));
    t.mock.timers.tick(3000);
    assert.deepEqual(packed, [], 'waits while saturated');
    saturated = false;
    t.mock.timers.tick(1000);
    assert.deepEqual(packed, ['a', 'b'], 'packed once the loop has time');
    saturated = true;
    p.add(entry('c', 600));
    p.add(entry('d', 600));
    t.mock.timers.tick(1000);
    assert.deepEqual(packed, ['a', 'b', 'c', 'd'], 'packed anyway past the limit');
    // The waiting bytes were given back: a small entry waits again.
    p.add(entry('e', 10));
    t.mock.timers.tick(1000);
    assert.deepEqual(packed, ['a', 'b', 'c', 'd']);
  } finally {
    p.stop();
  }
});
