// How the scale figures were measured, built from the run's own plan and numbers.
import type { ScalePlan } from "./scale-run.ts";
import { SCALE_ANCHORS, type ScaleRun } from "./scale-report.ts";

const n = (v: number) => v.toLocaleString("en-US");

export function scaleMethod(plan: ScalePlan, runs: ScaleRun[]): string[] {
  const notes = [
    `Each run starts a fresh \`dist/kubun server --bind-address 127.0.0.1 --disable-agent\` (temp data dir, SQLite store) and one \`kubun sim --nodes N${plan.sharedWatch ? " --sim-shared-watch" : ""}\` process holding every simulated node (default 200 ms ±50% simulated container start), joined with the server's token; the run begins when N nodes are Ready. Node leases are renewed every 10 s.`,
    `Load: Deployments of ${plan.perDeployment} replicas (pause image, no resource requests) created in one namespace at one per ${plan.perDeployment / plan.podsPerSecond} s, i.e. pods asked for at ${plan.podsPerSecond} pods/s, until ${plan.podsPerNode} pods per node; the ReplicaSet controller creates the pods, the scheduler binds them, the sim runs them. A run with a time cap stops creating at the cap and is marked partial.`,
    `Pod startup: one watch on the namespace's pods in this process; a pod's creation is the arrival of its first event (creationTimestamp has whole seconds only), its start the first event showing \`status.phase: Running\`; p50/p99 are nearest-rank over every pod seen Running. Both ends pass through the same watch, so its delivery delay largely cancels. The anchor is sig-scalability's pod startup SLO (${SCALE_ANCHORS.podStartupSlo.text}, which excludes image pulls as the sim has none).`,
    `Scheduler pods/s: from the same watch, the first event of each pod with \`spec.nodeName\` set; average = pods bound over the time from the first to the last bind, busiest second = most binds in any 1 s window. The ramp offers only ${plan.podsPerSecond} pods/s (in bursts of ${plan.perDeployment}), so over a long ramp the average is bounded by it; the busiest second shows more of the scheduler's headroom.`,
    `API p99: during the ramp and the wait for Running, every ${plan.probeEveryMs} ms one GET of a ConfigMap and one LIST of the namespace's pods with limit=${plan.listLimit}, one after the other; every latency kept. Anchors: Kubernetes SLOs (single-object reads ≤ 1 s, namespace lists ≤ 30 s); goal the \`bun run bench\` latency goal.`,
    `Server RSS: VmRSS of the server process sampled every second; the peak is reported. The anchor (${SCALE_ANCHORS.k0sRss.text}) is a larger cluster than a 100-node run, and the goal is set at 500 nodes × 30 pods; a partial 500-node run holds fewer pods than the goal's cluster. CPU: utime+stime of the server over the ramp and the wait for Running, in CPUs.`,
    `Disk: ${plan.settleSeconds} s after the pods were Running, write_bytes of /proc/<server pid>/io over ${plan.steadySeconds} s, divided by the nodes and scaled to a minute. In that window only the sim's Lease renewals (6 per node per minute) and any status changes should write. No anchor is given for this figure; the goal (≤ 200 B/node/min) is ~33 B per renewal.`,
  ];
  for (const r of runs) {
    const s = r.steady;
    notes.push(`${r.nodes} nodes: ${n(r.podsRequested)} pods asked for in ${r.rampSeconds.toFixed(0)} s, ${n(r.podsRunning)} seen Running; server ${r.server.rampCpus.toFixed(2)} CPUs and sim ${r.sim.rampCpus.toFixed(2)} CPUs during the ramp; API probe ${n(r.api.get.count)} GETs and ${n(r.api.list.count)} LISTs (p50 ${r.api.get.p50.toFixed(1)} / ${r.api.list.p50.toFixed(1)} ms)${s ? `; steady window: ${n(s.writeBytes)} bytes written${s.storeWrites !== undefined && Number.isFinite(s.storeWrites) ? ` for ${n(s.storeWrites)} store writes (resourceVersion advance${s.storeWrites > 0 ? `, ${n(Math.round(s.writeBytes / s.storeWrites))} bytes each` : ""}; ${r.nodes} nodes × ${s.windowSeconds / 10} lease renewals = ${n((r.nodes * s.windowSeconds) / 10)})` : ""}, server ${(s.serverCpuSeconds / s.windowSeconds).toFixed(2)} CPUs` : ""}; server RSS at the end ${(r.server.rssEndBytes / 1e6).toFixed(1)} MB.`);
  }
  return notes;
}
