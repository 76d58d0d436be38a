import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../api/types.ts';
import {
  DeletedFinalStateUnknown, Indexer, NamespaceIndex, NodeNameIndex, metaNamespaceIndexFunc, metaNamespaceKey,
  nodeNameIndexFunc, splitMetaNamespaceKey,
} from './store.ts';

const pod = (ns: string, name: string, node?: string, rv = '1'): KubeObject => ({
  metadata: { namespace: ns, name, resourceVersion: rv }, spec: node ? { nodeName: node } : {},
});

test('keys are namespace/name, or name for cluster-scoped objects, and split back', () => {
  assert.equal(metaNamespaceKey(pod('default', 'a')), 'default/a');
  assert.equal(metaNamespaceKey({ metadata: { name: 'node-1' } }), 'node-1');
  assert.equal(metaNamespaceKey(new DeletedFinalStateUnknown('ns/x', pod('ns', 'x'))), 'ns/x');
  assert.deepEqual(splitMetaNamespaceKey('ns/x'), { namespace: 'ns', name: 'x' });
  assert.deepEqual(splitMetaNamespaceKey('node-1'), { namespace: '', name: 'node-1' });
});

test('an indexer finds objects by namespace and by spec.nodeName and follows updates and deletes', () => {
  const ix = new Indexer({ [NamespaceIndex]: metaNamespaceIndexFunc, [NodeNameIndex]: nodeNameIndexFunc });
  ix.add(pod('a', 'p1', 'n1'));
  ix.add(pod('a', 'p2'));
  ix.add(pod('b', 'p3', 'n1'));
  assert.deepEqual(ix.byIndex(NamespaceIndex, 'a').map(metaNamespaceKey).sort(), ['a/p1', 'a/p2']);
  assert.deepEqual(ix.indexKeys(NodeNameIndex, 'n1').sort(), ['a/p1', 'b/p3']);
  // Binding p2 and moving p1 updates the node index.
  ix.update(pod('a', 'p2', 'n2', '2'));
  ix.update(pod('a', 'p1', 'n2', '2'));
  assert.deepEqual(ix.indexKeys(NodeNameIndex, 'n1'), ['b/p3']);
  assert.deepEqual(ix.indexKeys(NodeNameIndex, 'n2').sort(), ['a/p1', 'a/p2']);
  assert.equal(ix.getByKey("a/p1")?.metadata?.resourceVersion, '2');
  ix.delete(pod('b', 'p3'));
  assert.deepEqual(ix.indexKeys(NodeNameIndex, 'n1'), []);
  assert.deepEqual(ix.listIndexFuncValues(NodeNameIndex), ['n2']);
  ix.delete(new DeletedFinalStateUnknown('a/p1', pod('a', 'p1')));
  assert.deepEqual(ix.listKeys(), ['a/p2']);
  assert.deepEqual(ix.index(NamespaceIndex, pod('a', 'other')).map(metaNamespaceKey), ['a/p2']);
});

test('replace swaps the whole content and rebuilds the indexes', () => {
  const ix = new Indexer({ [NamespaceIndex]: metaNamespaceIndexFunc });
  ix.add(pod('a', 'old'));
  ix.replace([pod('b', 'new1'), pod('b', 'new2')]);
  assert.equal(ix.size, 2);
  assert.deepEqual(ix.byIndex(NamespaceIndex, 'a'), []);
  assert.equal(ix.byIndex(NamespaceIndex, 'b').length, 2);
});

test('indexers added later index what is already stored; unknown indexes throw', () => {
  const ix = new Indexer();
  ix.add(pod('a', 'p1', 'n1'));
  ix.addIndexers({ [NodeNameIndex]: nodeNameIndexFunc });
  assert.deepEqual(ix.indexKeys(NodeNameIndex, 'n1'), ['a/p1']);
  assert.throws(() => ix.byIndex('nope', 'x'), /does not exist/);
  assert.throws(() => ix.addIndexers({ [NodeNameIndex]: nodeNameIndexFunc }), /already exists/);
});
