import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addQuantities, canonicalQuantityString, canonicalize, compareQuantity, isQuantity, milliValue,
  parseQuantity, QUANTITY_FORMAT_ERROR, subtractQuantities, value,
} from './quantity.ts';

test('canonical forms match upstream examples', () => {
  const cases: [string | number, string][] = [
    ['1000m', '1'], ['1.5Gi', '1536Mi'], ['0.1', '100m'], ['1.5', '1500m'], ['100m', '100m'],
    ['1Ki', '1Ki'], ['1024', '1024'], ['0.5Ki', '512'], ['1000', '1k'], ['1500', '1500'],
    ['10000', '10k'], ['1e3', '1e3'], ['1E3', '1e3'], ['1.5e3', '1500'], ['12e-3', '12e-3'], ['0', '0'],
    ['-1', '-1'], ['+5', '5'], ['.5', '500m'], ['5.', '5'], ['0.1m', '100u'], ['1n', '1n'], ['0.1n', '1n'],
    ['128974848', '128974848'], ['129e6', '129e6'], ['129M', '129M'], ['123Mi', '123Mi'], ['2048Ki', '2Mi'],
    ['1M', '1M'], ['1000M', '1G'], ['1E', '1E'], ['1000E', '1e21'], [1, '1'], [0.25, '250m'], ['1.5Ki', '1536'],
  ];
  for (const [input, want] of cases) assert.equal(canonicalQuantityString(input), want, `input ${String(input)}`);
});

test('value and milliValue round up away from zero', () => {
  assert.equal(value(parseQuantity('1.5')), 2n);
  assert.equal(value(parseQuantity('100m')), 1n);
  assert.equal(value(parseQuantity('-100m')), -1n);
  assert.equal(value(parseQuantity('1Gi')), 1073741824n);
  assert.equal(milliValue(parseQuantity('0.1')), 100n);
  assert.equal(milliValue(parseQuantity('1u')), 1n);
  assert.equal(milliValue(parseQuantity('2')), 2000n);
  assert.equal(value(parseQuantity('1e3')), 1000n);
});

test('comparison and addition are exact', () => {
  assert.equal(compareQuantity(parseQuantity('1'), parseQuantity('1000m')), 0);
  assert.equal(compareQuantity(parseQuantity('1Gi'), parseQuantity('1G')), 1);
  assert.equal(compareQuantity(parseQuantity('-1'), parseQuantity('0')), -1);
  assert.equal(canonicalize(addQuantities(parseQuantity('0.1'), parseQuantity('0.2'))), '300m');
  assert.equal(canonicalize(addQuantities(parseQuantity('1Gi'), parseQuantity('512Mi'))), '1536Mi');
  assert.equal(canonicalize(subtractQuantities(parseQuantity('1'), parseQuantity('250m'))), '750m');
});

test('invalid quantities are rejected with upstream messages', () => {
  for (const bad of ['', 'abc', '1.2.3', '1Kb', '1 Gi', '--1', 'Gi', '1ki']) {
    assert.equal(isQuantity(bad), false, bad);
  }
  assert.throws(() => parseQuantity('x'), { message: QUANTITY_FORMAT_ERROR });
  assert.throws(() => parseQuantity('1kk'), { message: "unable to parse quantity's suffix" });
});
