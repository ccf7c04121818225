// Which slice writes the informer cache has not shown yet. Slices get generated names, so a
// reconcile working from a cache that misses a slice it just created would create another;
// upstream's endpointSliceTracker prevents that the same way: until the cache catches up with
// every write made for a Service, that Service is not reconciled.
import type { SliceObject } from "./slice-desired.ts";

type Expected = { rv: number } | "deleted";

export class SliceTracker {
  private readonly bySvc = new Map<string, Map<string, Expected>>();

  written(svcKey: string, slice: SliceObject) {
    this.entry(svcKey).set(slice.metadata.name, { rv: Number(slice.metadata.resourceVersion) });
  }

  deleted(svcKey: string, slice: SliceObject) {
    this.entry(svcKey).set(slice.metadata.name, "deleted");
  }

  /** True while `cached` (the Service's slices in the cache) lacks one of our writes. */
  stale(svcKey: string, cached: SliceObject[]): boolean {
    const expected = this.bySvc.get(svcKey);
    if (!expected) return false;
    const byName = new Map(cached.map((s) => [s.metadata.name, s]));
    for (const [name, want] of expected) {
      const have = byName.get(name);
      const caughtUp = want === "deleted" ? !have : !!have && Number(have.metadata.resourceVersion) >= want.rv;
      if (caughtUp) expected.delete(name);
    }
    if (expected.size === 0) this.bySvc.delete(svcKey);
    return expected.size > 0;
  }

  /** The informer saw the slice go: nothing about it is pending any more. */
  observedDelete(svcKey: string, slice: SliceObject) {
    const m = this.bySvc.get(svcKey);
    m?.delete(slice.metadata.name);
    if (m?.size === 0) this.bySvc.delete(svcKey);
  }

  forget(svcKey: string) {
    this.bySvc.delete(svcKey);
  }

  private entry(svcKey: string) {
    let m = this.bySvc.get(svcKey);
    if (!m) this.bySvc.set(svcKey, (m = new Map()));
    return m;
  }
}
