export { Discovery, storageVersionHash } from './discovery.ts';
export type { DiscoveryOptions, DiscoveryRequest, DiscoveryResponse } from './discovery.ts';
export { negotiateDiscovery, parseAccept } from './accept.ts';
export { subresourcesOf } from './subresources.ts';
export { compareVersionPriority } from './versions.ts';
