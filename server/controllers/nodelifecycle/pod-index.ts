// Pods by the node they are bound to (upstream's spec.nodeName indexer), kept from the pod
// informer's events. Lookups return the informer's (frozen) cached pods.
import type { InformerHandlers } from "../../../shared/controller/index.ts";
import { podKey, type PodObject } from "./resources.ts";

export interface PodCache {
  get(key: string): PodObject | undefined;
}

export class PodsByNode {
  private byNode = new Map<string, Set<string>>();

  constructor(private readonly pods: PodCache) {}

  /** Handlers to subscribe to the pod informer (before or after its first list). */
  readonly handlers: InformerHandlers<PodObject> = {
    add: (pod) => this.put(pod),
    update: (old, pod) => {
      if (old.spec?.nodeName !== pod.spec?.nodeName) this.remove(old);
      this.put(pod);
    },
    delete: (pod) => this.remove(pod),
  };

  /** The cached pods bound to `node`. */
  on(node: string): PodObject[] {
    const out: PodObject[] = [];
    for (const key of this.byNode.get(node) ?? []) {
      const pod = this.pods.get(key);
      if (pod?.spec?.nodeName === node) out.push(pod);
    }
    return out;
  }

  /** Names of the nodes pods are bound to. */
  nodes(): string[] {
    return [...this.byNode.keys()];
  }

  private put(pod: PodObject) {
    const node = pod.spec?.nodeName;
    if (!node) return;
    let set = this.byNode.get(node);
    if (!set) this.byNode.set(node, (set = new Set()));
    set.add(podKey(pod));
  }

  private remove(pod: PodObject) {
    const node = pod.spec?.nodeName;
    const set = node ? this.byNode.get(node) : undefined;
    if (!set) return;
    set.delete(podKey(pod));
    if (set.size === 0) this.byNode.delete(node!);
  }
}
