// Read-only views over an informer's cache (client-go's generated listers): list by label
// selector, per namespace, get by name.

import { matches, parseLabelSelector } from '../../api/selectors/labels.ts';
import type { Selector } from '../../api/selectors/labels.ts';
import type { MetaObject } from '../object.ts';
import { NamespaceIndex } from './store.ts';
import type { Indexer } from './store.ts';

function toSelector(s: Selector | string | undefined): Selector | undefined {
  if (s === undefined) return undefined;
  return typeof s === 'string' ? (s ? parseLabelSelector(s) : undefined) : s;
}

function filter<T extends MetaObject>(objs: T[], sel: Selector | undefined): T[] {
  return sel ? objs.filter((o) => matches(sel, o.metadata?.labels)) : objs;
}

export class Lister<T extends MetaObject> {
  private readonly indexer: Indexer<T>;

  constructor(indexer: Indexer<T>) {
    this.indexer = indexer;
  }

  /** Everything cached, optionally narrowed by a label selector. */
  list(selector?: Selector | string): T[] {
    return filter(this.indexer.list(), toSelector(selector));
  }

  /** A cluster-scoped object by name. */
  get(name: string): T | undefined {
    return this.indexer.getByKey(name);
  }

  namespace(ns: string): NamespaceLister<T> {
    return new NamespaceLister(this.indexer, ns);
  }
}

export class NamespaceLister<T extends MetaObject> {
  private readonly indexer: Indexer<T>;
  private readonly ns: string;

  constructor(indexer: Indexer<T>, ns: string) {
    this.indexer = indexer;
    this.ns = ns;
  }

  list(selector?: Selector | string): T[] {
    let objs: T[];
    try {
      objs = this.indexer.byIndex(NamespaceIndex, this.ns);
    } catch {
      // No namespace index: scan.
      objs = this.indexer.list().filter((o) => (o.metadata?.namespace ?? '') === this.ns);
    }
    return filter(objs, toSelector(selector));
  }

  get(name: string): T | undefined {
    return this.indexer.getByKey(`${this.ns}/${name}`);
  }
}
