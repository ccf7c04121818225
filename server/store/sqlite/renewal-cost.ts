// What lease renewals cost the disk over a whole flush interval, which the benchmark's 60 s
// steady-state window cannot show: renewals themselves write nothing, then every
// `volatileFlushSeconds` one flush stores each lease's newest renewal and the next compaction
// removes the versions it superseded. Not a test; `bun server/store/sqlite/renewal-cost.ts
// [--nodes 100] [--rows 3000] [--cycles 4] [--dir /var/tmp]` prints bytes per cycle (Linux
// /proc/self/io write_bytes; use a directory on a real disk, not tmpfs).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { VOLATILE_PREFIX } from "../log/renewal.ts";
import type { Backend, WriteResult } from "../types.ts";
import { openSqliteBackend } from "./index.ts";

const writeBytes = () => Number(/write_bytes:\s*(\d+)/.exec(readFileSync("/proc/self/io", "utf8"))![1]);

/** A node Lease as the API stores it (owner reference, managedFields of the agent). */
function lease(i: number, renew: number): string {
  const name = `node-${i}`;
  return JSON.stringify({
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name,
      namespace: "kube-node-lease",
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      creationTimestamp: "2026-01-01T00:00:00Z",
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name, uid: `10000000-0000-4000-8000-${String(i).padStart(12, "0")}` }],
      managedFields: [{ manager: "kubun", operation: "Update", apiVersion: "coordination.k8s.io/v1", time: "2026-01-01T00:00:00Z", fieldsType: "FieldsV1", fieldsV1: { "f:spec": { "f:holderIdentity": {}, "f:leaseDurationSeconds": {}, "f:renewTime": {} } } }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: new Date(Date.UTC(2026, 0, 1) + renew * 10_000).toISOString().replace("Z", "000Z") },
  });
}

function revisionOf(r: WriteResult): number {
  if (!r.ok) throw new Error("unexpected CAS miss");
  return r.kv.modRevision;
}

export async function renewalCost(options: { nodes: number; rows: number; cycles: number; dir: string }) {
  const dir = mkdtempSync(join(options.dir, "kubun-renewal-cost-"));
  // A 1 s flush interval and a 1.5 s wait stand in for the 30 min interval.
  const b: Backend = openSqliteBackend(join(dir, "state.db"), { volatileFlushMs: 1000 });
  try {
    const revisions: number[] = [];
    for (let i = 0; i < options.nodes; i++) revisions[i] = revisionOf(await b.create(`${VOLATILE_PREFIX}node-${i}`, lease(i, 0)));
    const filler = "x".repeat(1500);
    for (let i = 0; i < options.rows; i++) revisionOf(await b.create(`/registry/core/pods/default/p${i}`, filler));
    const renewAll = async (renew: number) => {
      await Promise.all(revisions.map(async (rev, i) => (revisions[i] = revisionOf(await b.update(`${VOLATILE_PREFIX}node-${i}`, lease(i, renew), rev)))));
    };
    await renewAll(1); // the first renewal persists the reservation mark
    await new Promise((r) => setTimeout(r, 1500));
    await b.compact(b.currentRevision());
    const cycles: { renewBytes: number; flushAndCompactBytes: number }[] = [];
    for (let c = 0; c < options.cycles; c++) {
      const start = writeBytes();
      for (let k = 0; k < 10; k++) await renewAll(2 + c * 10 + k);
      const renewed = writeBytes();
      await new Promise((r) => setTimeout(r, 1500));
      await b.compact(b.currentRevision());
      cycles.push({ renewBytes: renewed - start, flushAndCompactBytes: writeBytes() - renewed });
    }
    return cycles;
  } finally {
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { nodes: { type: "string", default: "100" }, rows: { type: "string", default: "3000" }, cycles: { type: "string", default: "4" }, dir: { type: "string", default: "/var/tmp" } },
  });
  const nodes = Number(values.nodes);
  const cycles = await renewalCost({ nodes, rows: Number(values.rows), cycles: Number(values.cycles), dir: values.dir! });
  for (const [i, c] of cycles.entries()) {
    const perLease = c.flushAndCompactBytes / nodes;
    console.log(`cycle ${i + 1}: ${nodes * 10} renewals wrote ${c.renewBytes} B; flush + compaction wrote ${c.flushAndCompactBytes} B (${perLease.toFixed(0)} B per lease; over a 30 min interval ${(perLease / 30).toFixed(0)} B/node/min before the WAL checkpoint copies those pages once more)`);
  }
}
