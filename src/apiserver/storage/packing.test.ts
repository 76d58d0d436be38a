import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Packer, UPDATED_DELAY_MS } from './packing.ts';
import type { Packable } from './packing.ts';

test('written entries are packed at the next tick, updated ones only after their delay', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'setImmediate', 'Date'], now: 1_000_000 });
  const packed: string[] = [];
  const entry = (name: string): Packable => ({ pack: () => { packed.push(name); } });
  const p = new Packer();
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
