// Where node-side loops read API objects from: normally an informer of their own (pods bound to
// the node, the node itself); a process simulating many nodes may share one informer and hand
// each node a filtered view of it.
import type { StoredObject } from "../shared/api/object.ts";
import type { ApiResource, Client } from "../shared/client/index.ts";
import { Informer, type InformerHandlers, type InformerOptions } from "../shared/controller/index.ts";

export interface ObjectSource<T extends StoredObject> {
  get(key: string): T | undefined;
  list(): T[];
  /** Subscribe; returns the unsubscribe function. */
  on(h: InformerHandlers<T>): () => void;
  waitForSync(): Promise<void>;
  /** Stop what this source started (a view of a shared informer stops nothing). */
  stop(): Promise<void>;
}

/** A started informer of its own, as an ObjectSource. */
export function informerSource<T extends StoredObject>(client: Client, resource: ApiResource, opts: InformerOptions): ObjectSource<T> {
  const inf = new Informer<T>(client, resource, opts).start();
  return { get: (k) => inf.get(k), list: () => inf.list(), on: (h) => inf.on(h), waitForSync: () => inf.waitForSync(), stop: () => inf.stop() };
}

/** The objects of a shared informer that `keep` selects; an object leaving the selection is a delete. */
export function filteredView<T extends StoredObject>(all: Informer<T>, keep: (obj: T) => boolean): ObjectSource<T> {
  const mine = (o: T | undefined) => (o && keep(o) ? o : undefined);
  return {
    get: (k) => mine(all.get(k)),
    list: () => all.list().filter(keep),
    on(h) {
      return all.on({
        add: (o) => mine(o) && h.add?.(o),
        update: (old, o) => {
          if (mine(o)) return mine(old) ? h.update?.(old, o) : h.add?.(o);
          if (mine(old)) h.delete?.(old);
        },
        delete: (o) => mine(o) && h.delete?.(o),
      });
    },
    waitForSync: () => all.waitForSync(),
    stop: async () => {},
  };
}

const rvOf = (o: StoredObject) => Number(o.metadata.resourceVersion);

/**
 * The object to act on: the cache's, unless the one our own last write returned is the same
 * object (uid) at a newer resourceVersion (the informer has not caught up yet). An object gone
 * from the cache is gone.
 */
export function newest<T extends StoredObject>(cached: T | undefined, written: T | undefined): T | undefined {
  if (!cached || !written || written.metadata.uid !== cached.metadata.uid) return cached;
  return rvOf(written) > rvOf(cached) ? written : cached;
}
