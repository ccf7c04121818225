// Request latency of create, get, list and patch at several client counts, each cell a
// closed loop of its own; every request of a cell is kept.
import type { ApiClient } from "./client.ts";
import type { LatencyCell, Verb } from "./figures.ts";
import { runConcurrent } from "./load.ts";
import { summarize } from "./stats.ts";

export interface LatencyOptions {
  clients: number[];
  secondsPerCell: number;
  /** Namespace for created objects and the per-client objects that get and patch use. */
  namespace: string;
  /** Namespace of `listSize` objects that list reads. */
  listNamespace: string;
  listSize: number;
  /** data of every object written. */
  data: Record<string, string>;
  log(msg: string): void;
}

export const VERBS: Verb[] = ["create", "get", "list", "patch"];

export async function measureLatency(client: ApiClient, o: LatencyOptions): Promise<LatencyCell[]> {
  const most = Math.max(...o.clients);
  await client.createNamespace(o.namespace);
  await client.createNamespace(o.listNamespace);
  await seedConfigMaps(client, { namespace: o.namespace, prefix: "client", count: most, data: o.data });
  await seedConfigMaps(client, { namespace: o.listNamespace, prefix: "item", count: o.listSize, data: o.data });

  const ops: Record<Verb, (clients: number) => (w: number, seq: number) => Promise<void>> = {
    create: (clients) => async (w, seq) => void (await client.createConfigMap(o.namespace, `created-c${clients}-w${w}-${seq}`, o.data)),
    get: () => async (w) => void (await client.getConfigMap(o.namespace, `client-${w}`)),
    list: () => async () => {
      // Every namespace also holds kube-root-ca.crt (the root CA publisher's ConfigMap).
      const list = await client.listConfigMaps(o.listNamespace);
      const items = list.items.filter((i) => i.metadata?.name !== "kube-root-ca.crt").length;
      if (items !== o.listSize) throw new Error(`list returned ${items} items besides kube-root-ca.crt, want ${o.listSize}`);
    },
    patch: (clients) => async (w, seq) => void (await client.patchConfigMap(o.namespace, `client-${w}`, { patched: `c${clients}-${seq}` })),
  };

  const cells: LatencyCell[] = [];
  for (const clients of o.clients) {
    // Open this many keep-alive connections first (not recorded): clients keep theirs.
    await runConcurrent({ concurrency: clients, durationMs: 500, op: ops.get(clients) });
    for (const verb of VERBS) {
      const r = await runConcurrent({ concurrency: clients, durationMs: o.secondsPerCell * 1000, op: ops[verb](clients) });
      const cell: LatencyCell = { verb, clients, summary: summarize(r.latencies), errors: r.errors, firstError: r.firstError };
      cells.push(cell);
      o.log(`  ${verb} × ${clients}: p50 ${cell.summary.p50.toFixed(2)} ms, p99 ${cell.summary.p99.toFixed(2)} ms, ${r.ok} ok, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ""}`);
    }
  }
  return cells;
}

/** Creates `<prefix>-0` … `<prefix>-<count-1>` with 64 clients; any failure is an error. */
export async function seedConfigMaps(client: ApiClient, o: { namespace: string; prefix: string; count: number; data: Record<string, string> }): Promise<void> {
  let next = 0;
  const r = await runConcurrent({
    concurrency: 64,
    durationMs: 300_000,
    maxOps: o.count,
    op: async () => void (await client.createConfigMap(o.namespace, `${o.prefix}-${next++}`, o.data)),
  });
  if (r.errors > 0 || r.ok !== o.count) throw new Error(`seeding ${o.count} ConfigMaps in ${o.namespace}: ${r.ok} created, ${r.errors} failed (${r.firstError})`);
}
