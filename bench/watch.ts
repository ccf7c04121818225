// Watch delivery: open many HTTP watch streams on one ConfigMap collection, create objects
// one at a time, and time each event from the moment its POST was sent to its arrival on each
// stream. A delivery that never arrives counts as Infinity, so it can only raise the p99.
import type { ApiClient } from "./client.ts";
import { summarize, type Summary } from "./stats.ts";

export interface WatchOptions {
  namespace: string;
  watchers: number;
  /** Objects created, one after the other. */
  events: number;
  /** Pause between creations, so one event's fan-out is over before the next. */
  gapMs: number;
  /** Streams opened at once while connecting. */
  connectConcurrency?: number;
  /** Longest wait for the last delivery after the last write. */
  settleMs?: number;
}

export interface WatchResult {
  watchers: number;
  events: number;
  /** First stream requested → the last one answering 200, ms. */
  connectMs: number;
  /** Write start → arrival on a stream, every (event, watcher) pair, ms. */
  delivery: Summary;
  /** Deliveries that never arrived (counted as Infinity in `delivery`). */
  missed: number;
  /** The writes' own latency (POST → response), ms. */
  write: Summary;
}

export async function measureWatchDelivery(client: ApiClient, options: WatchOptions): Promise<WatchResult> {
  const { namespace, watchers, events } = options;
  const list = await client.listConfigMaps(namespace);
  const rv = list.metadata.resourceVersion ?? "";
  const arrivals: number[][] = Array.from({ length: events }, () => new Array<number>(watchers).fill(Infinity));
  let received = 0;
  const abort = new AbortController();
  const readers: Promise<void>[] = [];

  const open = async (w: number) => {
    const path = `/api/v1/namespaces/${namespace}/configmaps?watch=1&allowWatchBookmarks=false&resourceVersion=${rv}`;
    const res = await client.raw(path, { signal: abort.signal, headers: { accept: "application/json" } });
    if (res.status !== 200 || !res.body) throw new Error(`watch ${path}: HTTP ${res.status}: ${await res.text()}`);
    readers.push(readEvents(res.body, (name, at) => {
      const i = eventIndex(name);
      if (i !== undefined && i < events && arrivals[i]![w] === Infinity) {
        arrivals[i]![w] = at;
        received += 1;
      }
    }).catch(() => {}));
  };

  const limit = options.connectConcurrency ?? 50;
  const starts: number[] = [];
  const writeLatencies: number[] = [];
  let connectMs = NaN;
  try {
    const connectStart = performance.now();
    for (let first = 0; first < watchers; first += limit) {
      await Promise.all(Array.from({ length: Math.min(limit, watchers - first) }, (_, k) => open(first + k)));
    }
    connectMs = performance.now() - connectStart;
    for (let i = 0; i < events; i++) {
      const t0 = performance.now();
      starts.push(t0);
      await client.createConfigMap(namespace, `watched-${i}`, { i: String(i) });
      writeLatencies.push(performance.now() - t0);
      await Bun.sleep(options.gapMs);
    }
    const deadline = performance.now() + (options.settleMs ?? 10_000);
    while (received < events * watchers && performance.now() < deadline) await Bun.sleep(10);
  } finally {
    abort.abort();
    await Promise.all(readers);
  }

  const delivery: number[] = [];
  arrivals.forEach((row, i) => row.forEach((at) => delivery.push(at - starts[i]!)));
  return {
    watchers,
    events,
    connectMs,
    delivery: summarize(delivery),
    missed: events * watchers - received,
    write: summarize(writeLatencies),
  };
}

function eventIndex(name: string): number | undefined {
  const m = /^watched-(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** Reads a newline-delimited watch stream; calls onAdded(name, arrival ms) per ADDED event. */
export async function readEvents(body: ReadableStream<Uint8Array>, onAdded: (name: string, at: number) => void): Promise<void> {
  const dec = new TextDecoder();
  let buffered = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    const at = performance.now();
    buffered += dec.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const ev = JSON.parse(line) as { type?: string; object?: { metadata?: { name?: string } } };
      const name = ev.object?.metadata?.name;
      if (ev.type === "ADDED" && name) onAdded(name, at);
    }
  }
}
