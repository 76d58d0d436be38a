// The list and watch calls a reflector needs (client-go's ListerWatcher), and one made from a
// resource client with fixed selectors.

import type { KubeList } from '../../api/types.ts';
import type { MetaObject } from '../object.ts';
import type { ListOptions } from '../request.ts';
import type { ResourceClient } from '../typed.ts';
import type { WatchStream } from '../watch.ts';

export interface ListerWatcher<T> {
  list(opts: ListOptions, signal?: AbortSignal): Promise<KubeList<T>>;
  watch(opts: ListOptions): WatchStream<T>;
}

export interface ListWatchSelectors {
  labelSelector?: string;
  fieldSelector?: string;
}

/** Lists and watches `client`'s scope, narrowed by the given selectors. */
export function listWatchFromClient<T extends MetaObject>(client: ResourceClient<T>, sel: ListWatchSelectors = {}): ListerWatcher<T> {
  const narrow = (o: ListOptions): ListOptions => ({
    ...o,
    labelSelector: sel.labelSelector || undefined,
    fieldSelector: sel.fieldSelector || undefined,
  });
  return {
    list: (o, signal) => client.list(narrow(o), signal),
    watch: (o) => client.watch(narrow(o)),
  };
}
