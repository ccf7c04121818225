// Pods of the runc phase and one watch that times them: per pod name, when the first event with
// phase Running arrived and whether it is gone (DELETED). Create and delete go through the API as
// any client's would; the times are this process's performance.now().
import type { Pod } from "kubernetes-types/core/v1";
import type { ApiClient } from "./client.ts";
import { readWatch } from "./scale-pods.ts";

/** busybox sleeping, ending at once on SIGTERM (so deletes are quick), without probes or volumes. */
export function sleepPod(name: string, image: string): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: "kubun-bench" } },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "app", image, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"] }],
    },
  };
}

export class PodWatch {
  readonly runningAt = new Map<string, number>();
  readonly uids = new Map<string, string>();
  readonly gone = new Set<string>();
  private readonly abort = new AbortController();
  private ended?: string;

  private constructor(readonly client: ApiClient, readonly namespace: string) {}

  static async open(client: ApiClient, namespace: string): Promise<PodWatch> {
    const w = new PodWatch(client, namespace);
    const list = await client.json<{ metadata: { resourceVersion: string } }>("GET", `/api/v1/namespaces/${namespace}/pods`);
    const res = await client.raw(`/api/v1/namespaces/${namespace}/pods?watch=1&resourceVersion=${list.metadata.resourceVersion}`, { signal: w.abort.signal, headers: { accept: "application/json" } });
    if (res.status !== 200 || !res.body) throw new Error(`pod watch: HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    readWatch(res.body, (ev, at) => {
      const name = ev.object?.metadata?.name;
      if (!name) return;
      if (ev.type === "DELETED") w.gone.add(name);
      else if (ev.type === "ADDED" || ev.type === "MODIFIED") {
        w.gone.delete(name);
        if (ev.object?.metadata?.uid) w.uids.set(name, ev.object.metadata.uid);
        if (ev.object?.status?.phase === "Running" && !w.runningAt.has(name)) w.runningAt.set(name, at);
      }
    }).then(
      () => (w.ended ??= "the pod watch closed"),
      (err: unknown) => (w.ended ??= `the pod watch failed: ${String(err)}`),
    );
    return w;
  }

  /** POSTs the pod; resolves with the time just before the request was sent. */
  async create(pod: Pod): Promise<number> {
    this.runningAt.delete(pod.metadata!.name!);
    const t0 = performance.now();
    await this.client.json("POST", `/api/v1/namespaces/${this.namespace}/pods`, pod);
    return t0;
  }

  async delete(name: string): Promise<void> {
    await this.client.json("DELETE", `/api/v1/namespaces/${this.namespace}/pods/${name}`);
  }

  /** Resolves when every name is Running (returns their times) or throws naming the missing ones. */
  async untilRunning(names: readonly string[], timeoutMs: number): Promise<number[]> {
    await this.until(() => names.every((n) => this.runningAt.has(n)), timeoutMs, () => `pods not Running after ${timeoutMs} ms: ${names.filter((n) => !this.runningAt.has(n)).slice(0, 5).join(", ")}`);
    return names.map((n) => this.runningAt.get(n)!);
  }

  async untilGone(names: readonly string[], timeoutMs: number): Promise<void> {
    await this.until(() => names.every((n) => this.gone.has(n)), timeoutMs, () => `pods not deleted after ${timeoutMs} ms: ${names.filter((n) => !this.gone.has(n)).slice(0, 5).join(", ")}`);
  }

  private async until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
    const end = performance.now() + timeoutMs;
    while (!done()) {
      if (this.ended) throw new Error(`${this.ended} (${what()})`);
      if (performance.now() > end) throw new Error(what());
      await Bun.sleep(2);
    }
  }

  close(): void {
    this.ended ??= "closed";
    this.abort.abort();
  }
}
