// How each figure was measured, as Markdown bullets built from the run's own plan and side
// numbers (CPU use, write latency), so the text can never disagree with the run.
import { ANCHORS } from "./figures.ts";
import type { ThroughputResult } from "./throughput.ts";
import type { WatchResult } from "./watch.ts";

interface PlanLike {
  writeClients: number;
  writeSeconds: number;
  latencyClients: number[];
  latencySeconds: number;
  listSize: number;
  objects: number;
  watchers: number;
  watchEvents: number;
  watchGapMs: number;
  settleSeconds: number;
  idleSeconds: number;
  valueBytes: number;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const cpus = (v: number) => `${v.toFixed(2)} CPUs`;

export function methodNotes(plan: PlanLike, details: Record<string, unknown>): string[] {
  const writes = details.writes as { groupCommit: ThroughputResult; perWrite: ThroughputResult } | undefined;
  const watch = details.watch as WatchResult | undefined;
  const idle = details.idle as { cpuSeconds: number } | undefined;
  const restart = details.restart as { idleRssBytes: number } | undefined;
  const fill = details.fill as { seconds: number; writeBytes: number } | undefined;
  const data = `${plan.valueBytes.toLocaleString("en-US")}-byte data value`;
  const notes = [
    `Every server is the built binary, \`dist/kubun server --bind-address 127.0.0.1 --disable-agent\`, with a fresh temp data dir and its SQLite store in it. The client is this Bun process (fetch, HTTPS/1.1 keep-alive, bearer token, certificate checked against the cluster CA) on the same machine, so client and server share its CPUs. Latencies are taken at the client.`,
    `Writes/s: a fresh server per mode; ${plan.writeClients} clients in a closed loop POST new ConfigMaps (${data}) for ${plan.writeSeconds} s; a write counts when its 201 arrived, which the server sends only after the write's transaction was fsynced. Group commit = the default store; one transaction per write = \`--datastore-endpoint sqlite:///…/state.db?maxBatch=1\` (one transaction and one fdatasync per write).` +
      (writes
        ? ` Group commit: create p50/p99 ${ms(writes.groupCommit.latency.p50)}/${ms(writes.groupCommit.latency.p99)}, server ${cpus(writes.groupCommit.serverCpus)}, client ${cpus(writes.groupCommit.clientCpus)}, whole machine ${cpus(writes.groupCommit.machineCpus)} busy. One transaction per write: create p50/p99 ${ms(writes.perWrite.latency.p50)}/${ms(writes.perWrite.latency.p99)}, server ${cpus(writes.perWrite.serverCpus)}, client ${cpus(writes.perWrite.clientCpus)}, whole machine ${cpus(writes.perWrite.machineCpus)} busy.`
        : ""),
    `Latency: for each of ${plan.latencyClients.join(", ")} clients, 0.5 s of unrecorded GETs open the connections, then each verb runs ${plan.latencySeconds} s in a closed loop. create = POST a new ConfigMap; get = GET the client's own ConfigMap; list = GET a namespace of ${plan.listSize} ConfigMaps (${data} each) and its kube-root-ca.crt; patch = JSON merge patch of the client's own ConfigMap. The store holds the ${plan.objects.toLocaleString("en-US")} ConfigMaps of the RSS step (in another namespace) throughout. p50/p99 are nearest-rank over every request of the cell; nothing is dropped.`,
    `Watch: ${plan.watchers.toLocaleString("en-US")} HTTP watch streams on one namespace's ConfigMaps, from the list's resourceVersion, all read by this one process; then ${plan.watchEvents} ConfigMaps are created ${plan.watchGapMs} ms apart. Delivery latency = POST sent → the chunk with the event arriving on a stream, one sample per event and stream (${(plan.watchers * plan.watchEvents).toLocaleString("en-US")}); an event still missing 10 s after the last write counts as ∞. The times include the write itself and this process working through the streams one after another.` +
      (watch ? ` Here: streams opened in ${(watch.connectMs / 1000).toFixed(1)} s, write p50 ${ms(watch.write.p50)}, delivery p50 ${ms(watch.delivery.p50)}, max ${ms(watch.delivery.max)}, missed ${watch.missed}.` : ""),
    `RSS: VmRSS of the server process (/proc/<pid>/status), 3 s after /readyz on a fresh data dir (idle), and 2 s after the last of ${plan.objects.toLocaleString("en-US")} ConfigMaps (${data}) was created in one namespace, with 64 clients${fill ? `, which took ${fill.seconds.toFixed(1)} s` : ""}.` +
      (restart ? ` After the restart with that data the idle RSS was ${(restart.idleRssBytes / 1e6).toFixed(1)} MB.` : ""),
    `Start: spawn → first 200 from /readyz, polled every 2 ms; fresh = empty data dir (the server generates its CAs and certificates), restart = the main server's data dir after the whole run.`,
    `Idle disk: ${plan.settleSeconds} s after the watchers closed, write_bytes of /proc/<pid>/io (bytes the server wrote or dirtied towards storage) over ${plan.idleSeconds} s, scaled to a minute.` +
      (idle ? ` The server used ${idle.cpuSeconds.toFixed(2)} CPU-seconds in that window.` : "") +
      (fill ? ` The same counter grew by ${(fill.writeBytes / 1e6).toFixed(1)} MB while the ${plan.objects.toLocaleString("en-US")} ConfigMaps were written, so it does see this server's writes.` : "") +
      ` The store's compactor checks every 5 minutes from start; the window ends before its first check, so the one compaction of this run's history is not in it.`,
    `Anchors, from the issue: ${ANCHORS.kineWrites.text}; ${ANCHORS.kinePoll.text}; ${ANCHORS.k3sRss.text}; ${ANCHORS.k3sIdleDisk.text}. Kubernetes SLOs from sig-scalability's api_call_latency.md (mutating and single-object calls p99 ≤ 1 s; namespace-scope lists ≤ 30 s, formerly 5 s). "vs anchor" compares with the end of the anchor's range most favourable to it (70 writes/s, 6 kB/s).`,
  ];
  return notes;
}
