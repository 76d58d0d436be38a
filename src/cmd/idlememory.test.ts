import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restorePreload, startIdleMemory } from './idlememory.ts';

function harness(samples: number[]): { calls: boolean[]; run(): boolean[] } {
  const calls: boolean[] = [];
  let i = 0;
  const m = startIdleMemory({ sampleMs: 1000, idleForMs: 3000, idleBelow: 0.02, busyAbove: 0.1, utilization: () => samples[i++] ?? 0, setMemorySaver: (on) => calls.push(on) });
  m.stop();
  return { calls, run() { const states: boolean[] = []; for (let k = 0; k < samples.length; k++) { m.sample(); states.push(m.saving); } return states; } };
}

describe('idle memory mode', () => {
  it('switches to memory saver mode only after the idle time, and back on the first busy sample', () => {
    const h = harness([0.5, 0.01, 0.01, 0.01, 0.0, 0.05, 0.3, 0.01]);
    assert.deepEqual(h.run(), [false, false, false, true, true, true, false, false]);
    assert.deepEqual(h.calls, [true, false]);
  });

  it('a busy sample restarts the idle count', () => {
    const h = harness([0.01, 0.01, 0.2, 0.01, 0.01, 0.01]);
    assert.deepEqual(h.run(), [false, false, false, false, false, true]);
    assert.deepEqual(h.calls, [true]);
  });

  it('light work between the thresholds keeps the saver mode on without flapping', () => {
    const h = harness([0, 0, 0, 0.05, 0.08, 0.05]);
    assert.deepEqual(h.run(), [false, false, true, true, true, true]);
    assert.deepEqual(h.calls, [true]);
  });
});

describe('the preloaded allocator', () => {
  it('is not passed on: LD_PRELOAD goes back to what bin/cox found', () => {
    const none: NodeJS.ProcessEnv = { LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', COX_PRELOAD_RESTORE: '' };
    restorePreload(none);
    assert.deepEqual(none, {});
    const theirs: NodeJS.ProcessEnv = { LD_PRELOAD: '/j.so:/theirs.so', COX_PRELOAD_RESTORE: '/theirs.so' };
    restorePreload(theirs);
    assert.deepEqual(theirs, { LD_PRELOAD: '/theirs.so' });
    const untouched: NodeJS.ProcessEnv = { LD_PRELOAD: '/theirs.so' };
    restorePreload(untouched);
    assert.deepEqual(untouched, { LD_PRELOAD: '/theirs.so' });
    const conf: NodeJS.ProcessEnv = { LD_PRELOAD: '/j.so', COX_PRELOAD_RESTORE: '', MALLOC_CONF: 'background_thread:true,narenas:2', COX_MALLOC_CONF_RESTORE: 'narenas:2' };
    restorePreload(conf);
    assert.deepEqual(conf, { MALLOC_CONF: 'narenas:2' });
    const noConf: NodeJS.ProcessEnv = { LD_PRELOAD: '/j.so', COX_PRELOAD_RESTORE: '', MALLOC_CONF: 'background_thread:true', COX_MALLOC_CONF_RESTORE: '' };
    restorePreload(noConf);
    assert.deepEqual(noConf, {});
  });
});
