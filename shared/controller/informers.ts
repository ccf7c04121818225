// Shared informers: one list+watch per resource type, however many controllers look at it.
import type { StoredObject } from "../api/object.ts";
import type { ApiResource, Client } from "../client/index.ts";
import { Informer, type InformerOptions } from "./informer.ts";

export const resourceId = (r: ApiResource) => `${r.group}/${r.version}/${r.plural}`;

export class SharedInformers {
  private informers = new Map<string, Informer>();
  private stopped = false;

  constructor(
    readonly client: Client,
    private readonly opts: Omit<InformerOptions, "namespace" | "labelSelector" | "fieldSelector"> = {},
  ) {}

  /** The (started) informer for a resource type, created on first use. */
  for<T extends StoredObject = StoredObject>(r: ApiResource): Informer<T> {
    if (this.stopped) throw new Error("SharedInformers: already stopped");
    const id = resourceId(r);
    let inf = this.informers.get(id);
    if (!inf) {
      inf = new Informer(this.client, r, this.opts).start();
      this.informers.set(id, inf);
    }
    return inf as unknown as Informer<T>;
  }

  has(r: ApiResource): boolean {
    return this.informers.has(resourceId(r));
  }

  /** Stop and forget the informer of a type that is no longer served. */
  async remove(r: ApiResource) {
    const id = resourceId(r);
    const inf = this.informers.get(id);
    this.informers.delete(id);
    await inf?.stop();
  }

  all(): Informer[] {
    return [...this.informers.values()];
  }

  /** Resolves once every informer created so far has listed once. */
  async waitForSync() {
    await Promise.all(this.all().map((i) => i.waitForSync()));
  }

  async stop() {
    this.stopped = true;
    const all = this.all();
    this.informers.clear();
    await Promise.all(all.map((i) => i.stop()));
  }
}
