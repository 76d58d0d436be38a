// Everything a REST handler needs: the kind registry, storage per resource, the OpenAPI
// model, admission and server options.

import type { AdmissionChain } from '../../admission/interface.ts';
import type { SchemaModel } from '../../api/openapi-model.ts';
import type { Registry, ResourceType, StrategyContext } from '../../api/registry.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Store } from '../../storage/interface.ts';
import type { ValueTransformer } from '../storage/codec.ts';
import { ResourceStorage } from '../storage/resource.ts';

export interface ServerOptions {
  serviceCIDR: string;
  nodePortRange: [number, number];
  /** Request bodies above this size are refused with 413 (upstream: 3 MiB). */
  maxRequestBytes: number;
  /** Watch-cache capacity per resource (events kept for resuming watches). */
  watchCacheCapacity: number;
  log: (msg: string, err?: unknown) => void;
  /** Encryption at rest: the value transformer of a resource, if configured. */
  transformerFor?: (group: string, resource: string) => ValueTransformer | undefined;
}

export class ApiContext {
  readonly registry: Registry;
  readonly model: SchemaModel | undefined;
  readonly store: Store;
  readonly options: ServerOptions;
  admission: AdmissionChain | undefined;
  private readonly storages = new Map<string, ResourceStorage>();
  readonly strategy: StrategyContext;

  constructor(registry: Registry, store: Store, model: SchemaModel | undefined, options: ServerOptions) {
    this.registry = registry;
    this.store = store;
    this.model = model;
    this.options = options;
    for (const t of registry.types) {
      if (t.storage || t.virtual) continue;
      if (t.group === '' && (t.resource === 'componentstatuses' || t.resource === 'bindings')) continue;
      this.storages.set(storageKey(t), new ResourceStorage(store, t, { capacity: options.watchCacheCapacity, log: options.log },
        options.transformerFor?.(t.group, t.resource)));
    }
    const storages = this.storages;
    this.strategy = {
      list(group: string, resource: string): KubeObject[] {
        const s = storages.get(`${group}/${resource}`);
        return s ? s.cache.values() : [];
      },
      serviceCIDR: options.serviceCIDR,
      nodePortRange: options.nodePortRange,
    };
  }

  async start(): Promise<void> {
    await Promise.all([...this.storages.values()].map((s) => s.start()));
  }

  stop(): void { for (const s of this.storages.values()) s.stop(); }

  /** Storage of the resource a served type lives in (its storage version's resource). */
  storageFor(t: ResourceType): ResourceStorage {
    const st = this.registry.storageTypeOf(t);
    const s = this.storages.get(storageKey(st));
    if (!s) throw new Error(`no storage for ${st.group}/${st.resource}`);
    return s;
  }

  /** Storage by group and resource, for internal readers (admission, bootstrap). */
  storageByResource(group: string, resource: string): ResourceStorage | undefined {
    return this.storages.get(`${group}/${resource}`);
  }

  allStorages(): IterableIterator<ResourceStorage> { return this.storages.values(); }
}

function storageKey(t: ResourceType): string { return `${t.group}/${t.resource}`; }
