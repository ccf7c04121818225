// Pod status writes through the status subresource, only when the status changed. The writer
// remembers the pod each write returned, so a reconcile that runs before the informer has caught
// up compares with (and writes on top of) what it wrote, not with a stale cache entry.
import type { PodStatus } from "kubernetes-types/core/v1";
import { isConflict, isNotFound, type Client } from "../../shared/client/index.ts";
import { PODS } from "../resources.ts";
import { jsonEqual } from "./status/index.ts";
import { newest } from "../source.ts";
import type { PodObject } from "./source.ts";

export class StatusWriter {
  private written = new Map<string, PodObject>();
  /** Writes made (for tests and metrics). */
  writes = 0;

  constructor(private readonly client: Client) {}

  /** The newer of the cached pod and the one the last write returned (same uid only). */
  latest(key: string, cached: PodObject | undefined): PodObject | undefined {
    const pod = newest(cached, this.written.get(key));
    if (pod === cached) this.written.delete(key);
    return pod;
  }

  forget(key: string) {
    this.written.delete(key);
  }

  /**
   * Write `status` unless the pod already has it. Returns "unchanged", "written", "conflict"
   * (the pod was re-read: sync again) or "gone".
   */
  async write(key: string, pod: PodObject, status: PodStatus): Promise<"unchanged" | "written" | "conflict" | "gone"> {
    if (jsonEqual(status, pod.status ?? {})) return "unchanged";
    const { namespace, name } = pod.metadata;
    try {
      this.writes++;
      const updated = await this.client.updateStatus<PodObject>(PODS, { ...pod, status }, { namespace });
      this.written.set(key, updated);
      return "written";
    } catch (e) {
      if (isNotFound(e)) return "gone";
      if (!isConflict(e)) throw e;
      try {
        this.written.set(key, await this.client.get<PodObject>(PODS, name, { namespace }));
      } catch (e2) {
        if (isNotFound(e2)) return "gone";
        throw e2;
      }
      return "conflict";
    }
  }
}
