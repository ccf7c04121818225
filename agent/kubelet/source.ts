// Where the kubelet reads its pods from: normally its own informer over
// `fieldSelector=spec.nodeName=<node>`; a process simulating many nodes may instead share one
// informer over all pods and hand each node a filtered view of it.
import type { Pod } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../shared/api/object.ts";
import type { Client } from "../../shared/client/index.ts";
import { Informer, type InformerHandlers, type InformerOptions } from "../../shared/controller/index.ts";
import { PODS } from "../resources.ts";

export type PodObject = StoredObject & Pod;

export interface PodSource {
  get(key: string): PodObject | undefined;
  list(): PodObject[];
  /** Subscribe; returns the unsubscribe function. */
  on(h: InformerHandlers<PodObject>): () => void;
  waitForSync(): Promise<void>;
  /** Stop what this source started (a view of a shared informer stops nothing). */
  stop(): Promise<void>;
}

/** The pods bound to one node, watched by field selector. */
export function nodePodInformer(client: Client, nodeName: string, opts: Omit<InformerOptions, "fieldSelector"> = {}): PodSource {
  const inf = new Informer<PodObject>(client, PODS, { ...opts, fieldSelector: `spec.nodeName=${nodeName}` }).start();
  return { get: (k) => inf.get(k), list: () => inf.list(), on: (h) => inf.on(h), waitForSync: () => inf.waitForSync(), stop: () => inf.stop() };
}

/** One node's view of an informer over all pods: only pods bound to `nodeName`. */
export function nodeView(all: Informer<PodObject>, nodeName: string): PodSource {
  const mine = (p: PodObject | undefined) => (p?.spec?.nodeName === nodeName ? p : undefined);
  return {
    get: (k) => mine(all.get(k)),
    list: () => all.list().filter((p) => p.spec?.nodeName === nodeName),
    on(h) {
      return all.on({
        add: (p) => mine(p) && h.add?.(p),
        update: (old, p) => {
          if (mine(p)) return mine(old) ? h.update?.(old, p) : h.add?.(p);
          if (mine(old)) h.delete?.(old);
        },
        delete: (p) => mine(p) && h.delete?.(p),
      });
    },
    waitForSync: () => all.waitForSync(),
    stop: async () => {},
  };
}
