// coxswain's client machinery (client-go's essentials): config, REST, typed clients, informers,
// work queues, leader election and events.

export { DefaultBurst, DefaultQPS, DefaultUserAgent, ServiceAccountDir, configFromKubeconfig, inClusterConfig, loadConfig, loadKubeconfig } from './config.ts';
export type { InClusterOptions, KubeconfigOptions, RestConfig } from './config.ts';
export { FakeClock, realClock, sleep } from './clock.ts';
export type { Clock, TimerHandle } from './clock.ts';
export { Backoff } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
export { TokenBucket } from './flowcontrol.ts';
export type { MetaObject, ObjectMetaLike } from './object.ts';
export { RestClient } from './rest.ts';
export type { RawResponse, RequestOptions, RestClientOptions } from './rest.ts';
export { patchContentTypes, resourcePath } from './request.ts';
export type { DeleteOptions, GetOptions, ListOptions, PatchOptions, PatchType, ResourceRef, WriteOptions } from './request.ts';
export {
  errorFromResponse, isAlreadyExists, isBadRequest, isConflict, isForbidden, isGone, isInvalid, isNotFound,
  isResourceExpired, isStatus, isTooManyRequests, isUnauthorized, statusErrorFromStatus,
} from './status.ts';
export { RequestNotSentError } from './transport.ts';
export { WatchStream } from './watch.ts';
export type { WatchEvent, WatchEventType } from './watch.ts';
export { ResourceClient, clientFor, resources } from './typed.ts';
export type { ResourceDescriptor } from './typed.ts';
export * from './cache/index.ts';
export * from './workqueue/index.ts';
export { LeaderElector, microTime } from './leaderelection.ts';
export type { LeaderCallbacks, LeaderElectionConfig } from './leaderelection.ts';
export { EventRecorder, referenceTo } from './events.ts';
export type { EventRecorderOptions, EventType } from './events.ts';
