// Small helpers over informer caches: objects grouped by a key (pods by namespace, slices by
// Service) kept current from the informer's events, and a key-order-independent comparison.
import type { StoredObject } from "../../../shared/api/object.ts";
import { keyOf, type Informer } from "../../../shared/controller/index.ts";

export class GroupedCache<T extends StoredObject> {
  private readonly groups = new Map<string, Map<string, T>>();
  readonly unsubscribe: () => void;

  constructor(informer: Informer<T>, private readonly groupOf: (obj: T) => string | undefined) {
    this.unsubscribe = informer.on({
      add: (obj) => this.put(obj),
      update: (old, obj) => (this.remove(old), this.put(obj)),
      delete: (obj) => this.remove(obj),
    });
  }

  get(group: string): T[] {
    return [...(this.groups.get(group)?.values() ?? [])];
  }

  private put(obj: T) {
    const g = this.groupOf(obj);
    if (g === undefined) return;
    let m = this.groups.get(g);
    if (!m) this.groups.set(g, (m = new Map()));
    m.set(keyOf(obj), obj);
  }

  private remove(obj: T) {
    const g = this.groupOf(obj);
    const m = g === undefined ? undefined : this.groups.get(g);
    if (!m) return;
    m.delete(keyOf(obj));
    if (m.size === 0) this.groups.delete(g!);
  }
}

/** JSON with object keys sorted: equal for objects equal up to key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) => (val && typeof val === "object" && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : val));
}

export const sameJson = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);
