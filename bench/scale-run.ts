// One scale run: a fresh server, `kubun sim` with N nodes, Deployments created at a steady pod
// rate while a pod watch, an API probe and /proc samplers record; then a steady-state window of
// disk writes. Stops its server and sim at the end, also on failure.
import { join } from "node:path";
import { cpuSince, cpuSnapshot } from "./cpu.ts";
import type { Creation } from "./scale-pacer.ts";
import { creationSchedule, pace } from "./scale-pacer.ts";
import { averageRate, peakRate, PodTracker, watchPods } from "./scale-pods.ts";
import { startProbe } from "./scale-probe.ts";
import type { ScaleRun } from "./scale-report.ts";
import { spawnSim, waitNodesReady, type SimProcess } from "./scale-sim.ts";
import { spawnServer, type BenchServer } from "./server.ts";
import { summarize } from "./stats.ts";

export interface ScalePlan {
  podsPerNode: number;
  podsPerSecond: number;
  perDeployment: number;
  joinTimeoutSeconds: number;
  runningWaitSeconds: number;
  settleSeconds: number;
  steadySeconds: number;
  probeEveryMs: number;
  listLimit: number;
  sharedWatch: boolean;
}

export interface RunContext {
  binary: string;
  root: string;
  port: () => Promise<number>;
  log: (m: string) => void;
  /** Registers what must be stopped if the bench is interrupted. */
  track: (p: { stop(): Promise<void> }) => void;
}

const NAMESPACE = "bench-scale";

function deployment(c: Creation) {
  const name = `scale-${c.index}`;
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas: c.replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "pause", image: "registry.k8s.io/pause:3.9" }] } },
    },
  };
}

export async function scaleRun(plan: ScalePlan, spec: { nodes: number; rampCapSeconds?: number }, ctx: RunContext): Promise<ScaleRun> {
  const { nodes } = spec;
  const targetPods = nodes * plan.podsPerNode;
  const run: ScaleRun = {
    nodes, podsPerNode: plan.podsPerNode, targetPods, podsRequested: 0, podsSeen: 0, podsRunning: 0, joinSeconds: NaN, rampSeconds: 0,
    startup: summarize([]), scheduler: { averagePerSecond: 0, peakPerSecond: 0 }, api: { get: summarize([]), list: summarize([]), errors: 0 },
    server: { rssPeakBytes: 0, rssEndBytes: 0, rampCpus: 0 }, sim: { rssPeakBytes: 0, rampCpus: 0, sharedWatch: plan.sharedWatch }, phases: [], problems: [],
  };
  let server: BenchServer | undefined;
  let sim: SimProcess | undefined;
  const watchAbort = new AbortController();
  const tracker = new PodTracker();
  let watching: Promise<{ reopens: number; error?: string }> | undefined;
  let sampler: Timer | undefined;
  const sample = () => {
    try {
      if (server) run.server.rssPeakBytes = Math.max(run.server.rssPeakBytes, server.rssBytes());
      if (sim) run.sim.rssPeakBytes = Math.max(run.sim.rssPeakBytes, sim.rssBytes());
    } catch {}
  };
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    ctx.log(`${nodes} nodes: ${name}`);
    const [cpu0, s0, m0] = [cpuSnapshot(), server?.cpuSeconds() ?? 0, sim?.cpuSeconds() ?? 0];
    try {
      return await fn();
    } finally {
      const use = cpuSince(cpu0);
      if (use.seconds > 0) run.phases.push({ phase: name, seconds: use.seconds, machineCpus: use.machine, benchCpus: use.bench, serverCpus: ((server?.cpuSeconds() ?? 0) - s0) / use.seconds, simCpus: ((sim?.cpuSeconds() ?? 0) - m0) / use.seconds });
    }
  };
  try {
    server = await spawnServer({ dataDir: join(ctx.root, `server-${nodes}`), port: await ctx.port(), binary: ctx.binary });
    ctx.track(server);
    const s = server;
    sampler = setInterval(sample, 1_000);
    await phase("join", async () => {
      sim = spawnSim({ binary: ctx.binary, server: s, url: s.client.target.url, dataDir: join(ctx.root, `sim-${nodes}`), nodes, prefix: `n${nodes}`, sharedWatch: plan.sharedWatch });
      ctx.track(sim);
      run.joinSeconds = (await waitNodesReady(s.client, { count: nodes, prefix: `n${nodes}`, timeoutMs: plan.joinTimeoutSeconds * 1000, sim })) / 1000;
      ctx.log(`  ${nodes} nodes Ready in ${run.joinSeconds.toFixed(1)} s`);
    });
    await s.client.createNamespace(NAMESPACE);
    await s.client.createConfigMap(NAMESPACE, "probe", { probe: "x" });
    const list = await s.client.json<{ metadata: { resourceVersion?: string } }>("GET", `/api/v1/namespaces/${NAMESPACE}/pods`);
    watching = watchPods(s.client, { namespace: NAMESPACE, tracker, fromVersion: list.metadata.resourceVersion ?? "", signal: watchAbort.signal, log: ctx.log });
    const probe = startProbe(s.client, { namespace: NAMESPACE, configMap: "probe", listLimit: plan.listLimit, everyMs: plan.probeEveryMs });
    const cpuBefore = [s.cpuSeconds(), sim!.cpuSeconds(), performance.now()] as const;
    try {
      const schedule = creationSchedule({ totalPods: targetPods, perDeployment: plan.perDeployment, podsPerSecond: plan.podsPerSecond });
      let okPods = 0;
      const paced = await phase("ramp", async () => {
        const t0 = performance.now();
        const r = await pace(schedule, (c) => s.client.json("POST", `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, deployment(c)).then(() => void (okPods += c.replicas)), { capMs: spec.rampCapSeconds === undefined ? undefined : spec.rampCapSeconds * 1000 });
        run.rampSeconds = (performance.now() - t0) / 1000;
        return r;
      });
      run.podsRequested = okPods;
      if (paced.failed) run.problems.push(`${paced.failed} Deployment creations failed, first: ${paced.firstError}`);
      if (paced.capped) run.partial = `ramp capped at ${spec.rampCapSeconds} s (${paced.pods.toLocaleString("en-US")} of ${targetPods.toLocaleString("en-US")} pods asked for)`;
      await phase("wait Running", async () => {
        const deadline = performance.now() + plan.runningWaitSeconds * 1000;
        while (tracker.counts().running < okPods && performance.now() < deadline) await Bun.sleep(250);
      });
      const c = tracker.counts();
      if (c.running < okPods) {
        run.problems.push(`${c.running.toLocaleString("en-US")} of ${okPods.toLocaleString("en-US")} pods Running ${plan.runningWaitSeconds} s after the ramp`);
        run.partial ??= `${c.running.toLocaleString("en-US")} of ${okPods.toLocaleString("en-US")} pods Running ${plan.runningWaitSeconds} s after the ramp`;
      }
    } finally {
      const samples = await probe.stop();
      run.api = { get: summarize(samples.get), list: summarize(samples.list), errors: samples.errors, firstError: samples.firstError };
      if (samples.errors) run.problems.push(`${samples.errors} API probe errors, first: ${samples.firstError}`);
      const secs = (performance.now() - cpuBefore[2]) / 1000;
      run.server.rampCpus = (s.cpuSeconds() - cpuBefore[0]) / secs;
      run.sim.rampCpus = (sim!.cpuSeconds() - cpuBefore[1]) / secs;
      const c = tracker.counts();
      [run.podsSeen, run.podsRunning] = [c.seen, c.running];
      run.startup = tracker.startup();
      const binds = tracker.bindTimes();
      run.scheduler = { averagePerSecond: averageRate(binds), peakPerSecond: peakRate(binds, 1_000) };
    }
    await phase("settle", () => Bun.sleep(plan.settleSeconds * 1000));
    await phase("steady", async () => {
      const revision = async () => Number((await s.client.json<{ metadata: { resourceVersion?: string } }>("GET", `/api/v1/namespaces/${NAMESPACE}/configmaps?limit=1`)).metadata.resourceVersion);
      const [b0, c0, r0] = [s.writeBytes(), s.cpuSeconds(), await revision()];
      await Bun.sleep(plan.steadySeconds * 1000);
      const [b1, c1, r1] = [s.writeBytes(), s.cpuSeconds(), await revision()];
      run.steady = { windowSeconds: plan.steadySeconds, writeBytes: b1 - b0, serverCpuSeconds: c1 - c0, storeWrites: r1 - r0 };
      ctx.log(`  steady: ${run.steady.writeBytes} bytes written in ${plan.steadySeconds} s by the server, ${run.steady.storeWrites} store revisions`);
    });
    sample();
    run.server.rssEndBytes = s.rssBytes();
  } catch (err) {
    const msg = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    run.problems.push(msg);
    run.partial ??= `stopped early: ${msg}`;
    ctx.log(`${nodes} nodes: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    if (sampler) clearInterval(sampler);
    watchAbort.abort();
    const w = await watching?.catch((e: unknown) => ({ reopens: 0, error: String(e) }));
    if (w?.error) run.problems.push(w.error);
    await sim?.stop().catch(() => {});
    await server?.stop().catch(() => {});
  }
  return run;
}
