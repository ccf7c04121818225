// One informer per collectable resource type (list, watch and delete; events excepted, as
// upstream), kept in step with the served types as CustomResourceDefinitions come and go.
// Informer events go to the handler, which updates the graph and enqueues uids.
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource } from "../../../shared/client/index.ts";
import { resourceId, servedTypes, type ResourceSource, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";

export interface MonitorHandler {
  upsert(resource: ApiResource, obj: StoredObject, prev?: StoredObject): void;
  delete(resource: ApiResource, obj: StoredObject): void;
}

/** Never garbage-collected (upstream's default ignored resources). */
const IGNORED = new Set(["/events", "events.k8s.io/events"]);

export class Monitors {
  private monitors = new Map<string, { resource: ApiResource; unsubscribe(): void }>();
  private stopWatchingTypes: () => void;

  constructor(
    private readonly informers: SharedInformers,
    private readonly types: ResourceSource,
    private readonly handler: MonitorHandler,
    private readonly log: Logger,
  ) {
    this.sync();
    this.stopWatchingTypes = types.onChange(() => this.sync());
  }

  /** Start monitors for new types, stop those of types no longer served. */
  sync() {
    const wanted = new Map<string, ApiResource>();
    for (const r of servedTypes(this.types, "list", "watch", "delete")) {
      if (!IGNORED.has(`${r.group}/${r.plural}`)) wanted.set(resourceId(r), r);
    }
    for (const [id, r] of wanted) if (!this.monitors.has(id)) this.add(id, r);
    for (const [id, m] of this.monitors) if (!wanted.has(id)) this.remove(id, m.resource);
  }

  /** True once every monitored type has been listed. */
  synced(): boolean {
    return [...this.monitors.values()].every((m) => this.informers.for(m.resource).synced);
  }

  /**
   * Resolves once every monitored type has been listed, or after `timeoutMs` (as upstream, a
   * type whose list keeps failing must not stop the collector for good).
   */
  async waitForSync(timeoutMs = 30_000) {
    if (this.synced()) return;
    const all = Promise.all([...this.monitors.values()].map((m) => this.informers.for(m.resource).waitForSync()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
    const r = await Promise.race([all, timeout]);
    clearTimeout(timer);
    if (r === "timeout") this.log.level("warn")("not every resource type is listed yet; collecting anyway", { pending: this.pending() });
  }

  private pending(): string[] {
    return [...this.monitors.values()].filter((m) => !this.informers.for(m.resource).synced).map((m) => m.resource.plural);
  }

  stop() {
    this.stopWatchingTypes();
    for (const m of this.monitors.values()) m.unsubscribe();
    this.monitors.clear();
  }

  private add(id: string, resource: ApiResource) {
    const informer = this.informers.for(resource);
    const unsubscribe = informer.on({
      add: (obj) => this.handler.upsert(resource, obj),
      update: (old, obj) => {
        if (old.metadata.uid === obj.metadata.uid) return this.handler.upsert(resource, obj, old);
        // Deleted and created again under the same name while the watch was away.
        this.handler.delete(resource, old);
        this.handler.upsert(resource, obj);
      },
      delete: (obj) => this.handler.delete(resource, obj),
    });
    this.monitors.set(id, { resource, unsubscribe });
  }

  private remove(id: string, resource: ApiResource) {
    const m = this.monitors.get(id)!;
    m.unsubscribe();
    this.monitors.delete(id);
    const informer = this.informers.has(resource) ? this.informers.for(resource) : undefined;
    for (const obj of informer?.list() ?? []) this.handler.delete(resource, obj);
    this.informers.remove(resource).catch((e) => this.log.level("warn")("stopping informer failed", { resource: resource.plural, error: String(e) }));
  }
}
