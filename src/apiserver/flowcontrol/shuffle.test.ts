import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dealHand, flowHash } from './shuffle.ts';

test('a flow always gets the same hand of distinct queues within the deck', () => {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 500; i++) {
    const h = flowHash('service-accounts', `system:serviceaccount:ns${i}:default`);
    dealHand(h, 128, 6, a);
    dealHand(flowHash('service-accounts', `system:serviceaccount:ns${i}:default`), 128, 6, b);
    assert.deepEqual(a, b);
    assert.equal(new Set(a).size, 6, `hand ${a.join(',')} repeats a card`);
    for (const c of a) assert.ok(c >= 0 && c < 128 && Number.isInteger(c));
  }
});

test('hands are spread over the deck: different flows mostly get different hands', () => {
  const hands = new Set<string>();
  const used = new Set<number>();
  const hand: number[] = [];
  for (let i = 0; i < 200; i++) {
    dealHand(flowHash('global-default', `user-${i}`), 64, 6, hand);
    hands.add(hand.join(','));
    for (const c of hand) used.add(c);
  }
  assert.ok(hands.size > 195, `only ${hands.size} distinct hands`);
  assert.equal(used.size, 64);
});

test('a hand as large as the deck is a permutation, and the schema name is part of the flow', () => {
  const hand: number[] = [];
  dealHand(flowHash('x', 'u'), 16, 16, hand);
  assert.deepEqual([...hand].sort((x, y) => x - y), [...Array(16).keys()]);
  assert.notEqual(flowHash('a', 'bc'), flowHash('ab', 'c'));
  assert.ok(Number.isSafeInteger(flowHash('a', 'b')));
});
