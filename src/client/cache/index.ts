export {
  DeletedFinalStateUnknown, Indexer, NamespaceIndex, NodeNameIndex, metaNamespaceIndexFunc, metaNamespaceKey,
  nodeNameIndexFunc, splitMetaNamespaceKey,
} from './store.ts';
export type { IndexFunc } from './store.ts';
export { listWatchFromClient } from './listwatch.ts';
export type { ListWatchSelectors, ListerWatcher } from './listwatch.ts';
export { Reflector } from './reflector.ts';
export type { ReflectorOptions, ReflectorStore } from './reflector.ts';
export { SharedInformer } from './informer.ts';
export type { HandlerRegistration, ResourceEventHandler, SharedInformerOptions } from './informer.ts';
export { SharedInformerFactory } from './factory.ts';
export type { InformerOptions, SharedInformerFactoryOptions } from './factory.ts';
export { Lister, NamespaceLister } from './lister.ts';
