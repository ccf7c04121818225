// Pod startup as this process sees it: one watch on the bench namespace's pods records, per pod,
// when it first appeared (its creation, to the millisecond; creationTimestamp has whole seconds),
// when it was first seen bound to a node, and when it was first seen Running.
import type { Pod } from "kubernetes-types/core/v1";
import type { ApiClient } from "./client.ts";
import { summarize, type Summary } from "./stats.ts";

interface Seen {
  createdAt: number;
  boundAt?: number;
  runningAt?: number;
}

export interface WatchEvent {
  type?: string;
  object?: Pod & { code?: number; message?: string };
}

export class PodTracker {
  readonly pods = new Map<string, Seen>();
  resourceVersion = "";

  /** One watch event that arrived at `at` (ms, the clock the caller also uses for its windows). */
  observe(ev: WatchEvent, at: number): void {
    const pod = ev.object;
    if (ev.object?.metadata?.resourceVersion) this.resourceVersion = ev.object.metadata.resourceVersion;
    if ((ev.type !== "ADDED" && ev.type !== "MODIFIED") || !pod?.metadata?.uid) return;
    let s = this.pods.get(pod.metadata.uid);
    if (!s) this.pods.set(pod.metadata.uid, (s = { createdAt: at }));
    if (s.boundAt === undefined && pod.spec?.nodeName) s.boundAt = at;
    if (s.runningAt === undefined && pod.status?.phase === "Running") s.runningAt = at;
  }

  counts(): { seen: number; bound: number; running: number } {
    let bound = 0;
    let running = 0;
    for (const s of this.pods.values()) {
      if (s.boundAt !== undefined) bound += 1;
      if (s.runningAt !== undefined) running += 1;
    }
    return { seen: this.pods.size, bound, running };
  }

  /** Created → first seen Running, ms, over the pods seen Running. */
  startup(): Summary {
    return summarize([...this.pods.values()].flatMap((s) => (s.runningAt === undefined ? [] : [s.runningAt - s.createdAt])));
  }

  /** When each pod was first seen bound, ascending. */
  bindTimes(): number[] {
    return [...this.pods.values()].flatMap((s) => (s.boundAt === undefined ? [] : [s.boundAt])).sort((a, b) => a - b);
  }
}

/** Events per second from the first to the last time (ascending); 0 with fewer than two. */
export function averageRate(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const span = (times.at(-1)! - times[0]!) / 1000;
  return span > 0 ? (times.length - 1) / span : 0;
}

/** The most events in any window of `windowMs` starting at an event, per second. */
export function peakRate(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (j < times.length && times[j]! < times[i]! + windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most / (windowMs / 1000);
}

/** Splits a newline-delimited watch stream into parsed events, each with its chunk's arrival time. */
export async function readWatch(body: ReadableStream<Uint8Array>, onEvent: (ev: WatchEvent, at: number) => void, now: () => number = () => performance.now()): Promise<void> {
  const dec = new TextDecoder();
  let buffered = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const at = now();
    buffered += dec.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) onEvent(JSON.parse(line) as WatchEvent, at);
    }
  }
}

/**
 * Watches the namespace's pods from `fromVersion` into the tracker until `signal` aborts; a closed
 * stream is reopened from the last resourceVersion seen, at most `maxReopens` times.
 */
export async function watchPods(client: ApiClient, options: { namespace: string; tracker: PodTracker; fromVersion: string; signal: AbortSignal; maxReopens?: number; log?: (m: string) => void }): Promise<{ reopens: number; error?: string }> {
  const { namespace, tracker, signal } = options;
  tracker.resourceVersion = options.fromVersion;
  let reopens = 0;
  for (; !signal.aborted; reopens++) {
    if (reopens > (options.maxReopens ?? 20)) return { reopens, error: `the pod watch closed ${reopens} times` };
    try {
      const res = await client.raw(`/api/v1/namespaces/${namespace}/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${tracker.resourceVersion}`, { signal, headers: { accept: "application/json" } });
      if (res.status !== 200 || !res.body) return { reopens, error: `pod watch: HTTP ${res.status}: ${(await res.text()).slice(0, 200)}` };
      let gone = "";
      await readWatch(res.body, (ev, at) => {
        if (ev.type === "ERROR") gone = ev.object?.message ?? "ERROR event";
        else tracker.observe(ev, at);
      });
      if (gone) return { reopens, error: `pod watch ended: ${gone}` };
    } catch (err) {
      if (signal.aborted) break;
      options.log?.(`pod watch: ${err instanceof Error ? err.message : String(err)}; reopening`);
      await Bun.sleep(200);
    }
  }
  return { reopens };
}
