// The runc phase itself, run by bench/runc.ts inside the network namespace it made:
//   bun bench/runc-phase.ts '<{"plan", "binary", "dir", "out"}>'
// Starts the test registry, `kubun server --disable-agent` and a separate `kubun agent`, measures
// (agent memory idle → bare runc vs kubun → 100-pod startup → agent memory with N pods), deletes
// its pods, stops everything, removes what is left (runc containers, mounts, cgroups) and writes
// {measurements, details} as JSON to `out`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cgroupParentFor } from "../agent/agent.ts";
import { removeCgroup } from "../agent/runtime/runc/cgroups.ts";
import { unmountAll } from "../agent/runtime/runc/sandbox.ts";
import { startRegistry, type RegistryFixture } from "../test/fixtures/registry.ts";
import { bareRuns, captureTemplate } from "./runc-bare.ts";
import type { MemoryFigures, RuncMeasurements, RuncPlan } from "./runc-figures.ts";
import { sampleAgentMemory, type MemorySample } from "./runc-memory.ts";
import { PodWatch, sleepPod } from "./runc-pods.ts";
import { creationSchedule, pace } from "./scale-pacer.ts";
import { spawnServer, type BenchServer } from "./server.ts";
import { summarize } from "./stats.ts";

export interface PhaseInput {
  plan: RuncPlan;
  binary: string;
  /** A fresh temp dir for data dirs and bare bundles. */
  dir: string;
  /** Where to write the result JSON. */
  out: string;
}

export interface PhaseOutput {
  measurements: RuncMeasurements;
  details: Record<string, unknown>;
  /** The step that failed, if one did (the measurements before it are kept). */
  error?: string;
}

const NAMESPACE = "bench-runc";
const log = (msg: string) => console.error(`[bench runc ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

function figures(s: MemorySample): MemoryFigures {
  const { helpers, ...rest } = s;
  return { ...rest, helpers: helpers.length };
}

async function freePort(): Promise<number> {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

async function main(input: PhaseInput): Promise<PhaseOutput> {
  const { plan, dir } = input;
  const m: RuncMeasurements = {};
  const details: Record<string, unknown> = {};
  const agentData = join(dir, "agent");
  const cgroupParent = cgroupParentFor(agentData);
  const bareParent = `/kubun-bench-bare-${process.pid}`;
  let registry: RegistryFixture | undefined;
  let server: BenchServer | undefined;
  let agent: Bun.Subprocess<"ignore", "ignore", "pipe"> | undefined;
  let agentLog = "";
  let watch: PodWatch | undefined;
  let step = "starting the registry";
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      watch?.close();
      if (server && agent && agent.exitCode === null) {
        // Through the agent first, so it unmounts and removes what each pod had.
        const pods = await server.client.json<{ items: { metadata: { name: string } }[] }>("GET", `/api/v1/namespaces/${NAMESPACE}/pods`).catch(() => ({ items: [] }));
        const w = await PodWatch.open(server.client, NAMESPACE).catch(() => undefined);
        await Promise.all(pods.items.map((p) => server!.client.json("DELETE", `/api/v1/namespaces/${NAMESPACE}/pods/${p.metadata.name}`).catch(() => {})));
        await w?.untilGone(pods.items.map((p) => p.metadata.name), 60_000).catch((e: Error) => log(`cleanup: ${e.message}`));
        w?.close();
      }
      if (agent && agent.exitCode === null) {
        agent.kill("SIGTERM");
        await agent.exited;
      }
      await server?.stop().catch(() => {});
      const runcRoot = join(agentData, "agent", "runc");
      const ids = Bun.spawnSync(["runc", "--root", runcRoot, "list", "-q"]).stdout.toString().split("\n").filter(Boolean);
      for (const id of ids) Bun.spawnSync(["runc", "--root", runcRoot, "delete", "--force", id]);
      await unmountAll(dir).catch((e: Error) => log(`cleanup: ${e.message}`));
      removeCgroup(cgroupParent);
      removeCgroup(bareParent);
      await registry?.dispose().catch(() => {});
    })());
  const stopOnSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);

  try {
    registry = await startRegistry();
    const image = `${registry.host}/busybox:latest`;

    step = "starting kubun server and kubun agent";
    server = await spawnServer({ dataDir: join(dir, "server"), port: await freePort(), binary: input.binary, timeoutMs: 30_000 });
    const token = readFileSync(join(dir, "server", "server", "token"), "utf8").trim();
    writeFileSync(join(dir, "registries.yaml"), "");
    agent = Bun.spawn([input.binary, "agent", "--server", server.client.target.url, "--data-dir", agentData, "--node-name", "kubun-bench", "--registry-config", join(dir, "registries.yaml")], {
      stdin: "ignore",
      stdout: "ignore",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "", HOME: dir, KUBUN_TOKEN: token },
    });
    void (async () => {
      for await (const c of agent!.stderr as unknown as AsyncIterable<Uint8Array>) agentLog = (agentLog + new TextDecoder().decode(c)).slice(-32_768);
    })();
    const client = server.client;
    const nodeReady = async () => {
      const nodes = await client.json<{ items: { status?: { conditions?: { type: string; status: string }[] } }[] }>("GET", "/api/v1/nodes");
      return nodes.items.some((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
    };
    for (const end = performance.now() + 60_000; !(await nodeReady()); await Bun.sleep(100)) {
      if (agent.exitCode !== null) throw new Error(`kubun agent exited with ${agent.exitCode}:\n${agentLog}`);
      if (performance.now() > end) throw new Error(`the agent's node was not Ready within 60 s:\n${agentLog}`);
    }

    step = "sampling the idle agent";
    await Bun.sleep(plan.settleSeconds * 1000);
    const idle = sampleAgentMemory(agent.pid, cgroupParent);
    m.memory = { idle: figures(idle) };
    log(`idle agent: ${mb(idle.agentRssBytes)} RSS, ${mb(idle.agentPssBytes)} PSS, ${idle.helpers.length} helpers`);

    step = "pulling the image (warm-up pod)";
    await client.createNamespace(NAMESPACE);
    watch = await PodWatch.open(client, NAMESPACE);
    await watch.create(sleepPod("warmup", image));
    await watch.untilRunning(["warmup"], 120_000);
    const template = captureTemplate(join(agentData, "agent", "pods", watch.uids.get("warmup")!), "app", join(dir, "bare-pod"));
    await watch.delete("warmup");
    await watch.untilGone(["warmup"], 60_000);

    step = "bare runc runs";
    const bare = await bareRuns(template, { runs: plan.overheadRuns, dir: join(dir, "bare"), runcRoot: join(dir, "bare-runc"), cgroupParent: bareParent });
    step = "single pods through kubun";
    const through: number[] = [];
    for (let i = 0; i < plan.overheadRuns; i++) {
      const name = `single-${i}`;
      const t0 = await watch.create(sleepPod(name, image));
      const [at] = await watch.untilRunning([name], 60_000);
      through.push(at! - t0);
      await watch.delete(name);
      await watch.untilGone([name], 60_000);
    }
    m.overhead = { runs: plan.overheadRuns, bare: summarize(bare), kubun: summarize(through) };
    details.overhead = { bareMs: bare, kubunMs: through };
    log(`bare runc median ${m.overhead.bare.p50.toFixed(1)} ms, through kubun median ${m.overhead.kubun.p50.toFixed(1)} ms`);

    step = `${plan.startupPods} pods at ${plan.podsPerSecond}/s`;
    const names = Array.from({ length: plan.startupPods }, (_, i) => `startup-${i}`);
    const sent = new Map<string, number>();
    const paced = await pace(creationSchedule({ totalPods: plan.startupPods, perDeployment: 1, podsPerSecond: plan.podsPerSecond }), async (c) => {
      sent.set(names[c.index]!, await watch!.create(sleepPod(names[c.index]!, image)));
    });
    if (paced.failed) throw new Error(`${paced.failed} pod creations failed: ${paced.firstError}`);
    await watch.untilRunning(names, 120_000).catch((e: Error) => log(e.message));
    const startup = names.flatMap((n) => (watch!.runningAt.has(n) ? [watch!.runningAt.get(n)! - sent.get(n)!] : []));
    m.startup = { pods: plan.startupPods, perSecond: plan.podsPerSecond, running: startup.length, summary: summarize(startup) };
    details.startupMs = startup;
    log(`startup: ${startup.length}/${plan.startupPods} Running, p50 ${m.startup.summary.p50.toFixed(0)} ms, p99 ${m.startup.summary.p99.toFixed(0)} ms`);

    step = `sampling the agent with ${plan.memoryPods} pods`;
    const extra = names.slice(plan.memoryPods);
    await Promise.all(extra.map((n) => watch!.delete(n)));
    await watch.untilGone(extra, 90_000);
    await Bun.sleep(plan.settleSeconds * 1000);
    const loaded = sampleAgentMemory(agent.pid, cgroupParent);
    m.memory.loaded = { ...figures(loaded), pods: names.length - extra.length };
    details.helpers = loaded.helpers.slice(0, 6);
    log(`with ${m.memory.loaded.pods} pods: agent ${mb(loaded.agentRssBytes)} RSS, ${loaded.helpers.length} helpers ${mb(loaded.helperRssBytes)} RSS / ${mb(loaded.helperPssBytes)} PSS`);
    return { measurements: m, details };
  } catch (err) {
    const message = `${step}: ${err instanceof Error ? err.message : String(err)}`;
    log(message);
    return { measurements: m, details, error: message.split("\n")[0] };
  } finally {
    await cleanup();
  }
}

if (import.meta.main) {
  const input = JSON.parse(process.argv[2] ?? "{}") as PhaseInput;
  mkdirSync(input.dir, { recursive: true });
  const out = await main(input);
  writeFileSync(input.out, JSON.stringify(out));
  rmSync(input.dir, { recursive: true, force: true });
  process.exit(0);
}
