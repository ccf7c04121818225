// `bun run bench`: start kubun servers on loopback, measure the figures of the performance
// issue in one run, and write bench/results.json and bench/RESULTS.md. Stops by itself; kills
// its servers and removes its temp dirs at the end, also on failure or Ctrl-C.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { headline, latencyMatrix, type Measurements } from "./figures.ts";
import { cpuSince, cpuSnapshot } from "./cpu.ts";
import { describeHost, gitState, hasRaisedLimits, openFilesLimit, reexecWithLimits } from "./host.ts";
import { measureLatency, seedConfigMaps } from "./latency.ts";
import { toJson, toMarkdown, type PhaseCpu, type Results } from "./report.ts";
import { ensureBinary, ROOT, spawnServer, type BenchServer } from "./server.ts";
import { measureWrites, type ThroughputResult } from "./throughput.ts";
import { measureWatchDelivery } from "./watch.ts";
import { methodNotes } from "./method.ts";
import { jsonText, mergeScale, previousScale, scaleMarkdown } from "./scale-report.ts";
import { measureRunc } from "./runc.ts";
import { runcFigures, runcMethod, type RuncMeasurements, type RuncPlan } from "./runc-figures.ts";

const FULL_PLAN = {
  writeClients: 64,
  writeSeconds: 10,
  latencyClients: [1, 10, 50],
  latencySeconds: 3,
  listSize: 100,
  objects: 10_000,
  watchers: 1_000,
  watchEvents: 20,
  watchGapMs: 100,
  settleSeconds: 5,
  idleSeconds: 60,
  valueBytes: 1024,
};
export type Plan = typeof FULL_PLAN;

/** `--quick`: every phase, shortened, to try the bench out; prints instead of writing files. */
const QUICK = process.argv.includes("--quick");
const PLAN: Plan = QUICK ? { ...FULL_PLAN, writeSeconds: 2, latencySeconds: 0.5, objects: 1_000, watchers: 200, watchEvents: 5, idleSeconds: 5, settleSeconds: 1 } : FULL_PLAN;

/** The runc phase: real pods (bench/runc.ts); about 2½ minutes. */
const RUNC_PLAN: RuncPlan = QUICK
  ? { startupPods: 20, podsPerSecond: 10, overheadRuns: 5, memoryPods: 5, settleSeconds: 2 }
  : { startupPods: 100, podsPerSecond: 10, overheadRuns: 20, memoryPods: 30, settleSeconds: 5 };

/**
 * BENCH_PHASES=runc (or writes, api, comma-separated) runs only those groups: "writes" the two
 * write servers, "api" the main server's phases, "runc" real pods. A partial run writes its
 * files to BENCH_OUT (default a new temp dir), never over bench/RESULTS.md.
 */
const GROUPS = ["writes", "api", "runc"] as const;
const SELECTED = (process.env.BENCH_PHASES ?? "").split(",").map((p) => p.trim()).filter(Boolean);
for (const p of SELECTED) if (!(GROUPS as readonly string[]).includes(p)) throw new Error(`BENCH_PHASES: unknown phase group "${p}"; groups are ${GROUPS.join(", ")}`);
const wants = (group: (typeof GROUPS)[number]) => SELECTED.length === 0 || SELECTED.includes(group);

const log = (msg: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function freePort(): Promise<number> {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

async function main(): Promise<number> {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), "kubun-bench-"));
  const live = new Set<BenchServer>();
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const s of live) await s.stop().catch(() => {});
      live.clear();
      rmSync(root, { recursive: true, force: true });
    })());
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const data = { value: "x".repeat(PLAN.valueBytes) };
  const m: Measurements = {};
  let runc: RuncMeasurements | undefined;
  const details: Record<string, unknown> = { plan: PLAN };
  const failed: Record<string, string> = {};
  const phases: PhaseCpu[] = [];
  const everyServer: BenchServer[] = [];
  // The runc phase's processes (its child bench, server, agent, registry, containers) count as
  // servers: their CPU reaches this process's children's time when the child has been reaped.
  let runcCpu = 0;
  const serversCpu = () => everyServer.reduce((sum, s) => sum + s.cpuSeconds(), 0) + runcCpu;
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    log(name);
    const cpu0 = cpuSnapshot();
    const server0 = serversCpu();
    try {
      return await fn();
    } catch (err) {
      failed[name] = err instanceof Error ? err.message.split("\n")[0]! : String(err);
      log(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    } finally {
      const use = cpuSince(cpu0);
      if (use.seconds >= 0.1) phases.push({ phase: name, seconds: use.seconds, machineCpus: use.machine, benchCpus: use.bench, serverCpus: (serversCpu() - server0) / use.seconds });
    }
  };
  const start = async (dir: string, datastore?: (dataDir: string) => string) => {
    const dataDir = join(root, dir);
    mkdirSync(dataDir, { recursive: true });
    const s = await spawnServer({ dataDir, port: await freePort(), datastore: datastore?.(dataDir) });
    live.add(s);
    everyServer.push(s);
    log(`  server ${dir} ready in ${s.readyMs.toFixed(0)} ms (pid ${s.pid})`);
    return s;
  };
  const stop = async (s: BenchServer) => {
    await s.stop();
    live.delete(s);
  };
  const writesOn = async (dir: string, query: string): Promise<ThroughputResult> => {
    const s = await start(dir, (d) => `sqlite://${join(d, "server/db/state.db")}${query}`);
    try {
      const r = await measureWrites(s, { clients: PLAN.writeClients, seconds: PLAN.writeSeconds, namespace: "bench-writes", data });
      log(`  ${dir}: ${r.writesPerSecond.toFixed(0)} writes/s, ${r.errors} errors${r.firstError ? ` (${r.firstError})` : ""}`);
      if (r.ok === 0) throw new Error(`no write succeeded: ${r.firstError}`);
      return r;
    } finally {
      await stop(s);
    }
  };

  let binary: Awaited<ReturnType<typeof ensureBinary>> | undefined;
  try {
    binary = await phase("build", ensureBinary);
    if (!binary) throw new Error("no server binary");

    if (wants("writes")) await phase("writes", async () => {
      const groupCommit = await writesOn("writes-group-commit", "");
      const perWrite = await writesOn("writes-per-write", "?maxBatch=1");
      details.writes = { groupCommit, perWrite };
      m.writes = { clients: PLAN.writeClients, seconds: PLAN.writeSeconds, groupCommit: groupCommit.writesPerSecond, perWrite: perWrite.writesPerSecond, errors: groupCommit.errors + perWrite.errors };
    });

    // A main server that did not start ends the API phases, not the runc phase after them.
    if (wants("api")) await apiPhases().catch((err: unknown) => log(`API phases stopped early: ${err instanceof Error ? err.message : String(err)}`));
    if (wants("runc")) {
      await phase("runc", async () => {
        const r = await measureRunc(RUNC_PLAN, { binary: binary!.path, root, timeoutMs: 6 * 60_000, log });
        runcCpu += r.cpuSeconds;
        runc = r.measurements;
        details.runc = r.details;
        if (r.error) throw new Error(r.error);
      });
    }
  } catch (err) {
    log(`stopped early: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await cleanup();
  }

  async function apiPhases() {
    const main = await phase("start", () => start("main"));
    if (!main) throw new Error("the main server did not start");
    m.ready = { freshMs: main.readyMs };
    await Bun.sleep(3_000);
    m.rss = { idleBytes: main.rssBytes() };
    log(`  idle RSS ${(m.rss.idleBytes / 1e6).toFixed(1)} MB`);

    let objects = 0;
    await phase("fill", async () => {
      await main.client.createNamespace("bench-fill");
      const [t0, bytes0] = [performance.now(), main.writeBytes()];
      await seedConfigMaps(main.client, { namespace: "bench-fill", prefix: "object", count: PLAN.objects, data });
      details.fill = { objects: PLAN.objects, seconds: (performance.now() - t0) / 1000, writeBytes: main.writeBytes() - bytes0 };
      objects += PLAN.objects;
      await Bun.sleep(2_000);
      m.rss!.loaded = { bytes: main.rssBytes(), objects };
      log(`  RSS after ${objects} objects ${(m.rss!.loaded.bytes / 1e6).toFixed(1)} MB`);
    });

    const cells = await phase("latency", () =>
      measureLatency(main.client, { clients: PLAN.latencyClients, secondsPerCell: PLAN.latencySeconds, namespace: "bench-latency", listNamespace: "bench-list", listSize: PLAN.listSize, data, log }),
    );
    if (cells) {
      m.latency = cells;
      objects += Math.max(...PLAN.latencyClients) + PLAN.listSize + cells.filter((c) => c.verb === "create").reduce((n, c) => n + c.summary.count, 0);
    }

    await phase("watch", async () => {
      const limit = openFilesLimit();
      if (limit < PLAN.watchers + 512) throw new Error(`${PLAN.watchers} watchers need ~${PLAN.watchers + 512} open files; this process may open ${limit} (raise ulimit -n)`);
      await main.client.createNamespace("bench-watch");
      const r = await measureWatchDelivery(main.client, { namespace: "bench-watch", watchers: PLAN.watchers, events: PLAN.watchEvents, gapMs: PLAN.watchGapMs });
      details.watch = r;
      m.watch = { watchers: r.watchers, events: r.events, p99: r.delivery.p99, missed: r.missed };
      log(`  delivery p50 ${r.delivery.p50.toFixed(2)} ms, p99 ${r.delivery.p99.toFixed(2)} ms, missed ${r.missed}`);
    });

    await phase("idle", async () => {
      await Bun.sleep(PLAN.settleSeconds * 1000);
      const [bytes0, cpu0, rss0] = [main.writeBytes(), main.cpuSeconds(), main.rssBytes()];
      await Bun.sleep(PLAN.idleSeconds * 1000);
      const writeBytes = main.writeBytes() - bytes0;
      details.idle = { writeBytes, cpuSeconds: main.cpuSeconds() - cpu0, rssStartBytes: rss0, rssEndBytes: main.rssBytes() };
      m.idleDisk = { windowSeconds: PLAN.idleSeconds, writeBytes };
      log(`  ${writeBytes} bytes written in ${PLAN.idleSeconds} s`);
    });

    await stop(main);
    await phase("restart", async () => {
      const again = await start("main");
      m.ready!.restartMs = again.readyMs;
      m.ready!.restartObjects = objects;
      await Bun.sleep(3_000);
      details.restart = { readyMs: again.readyMs, idleRssBytes: again.rssBytes() };
      await stop(again);
    });
  }

  const git = gitState(ROOT);
  const skipped = (name: string) => `not measured: ${failed[name] ?? Object.entries(failed).map(([p, e]) => `${p} failed (${e})`)[0] ?? "skipped"}`;
  const results: Results = {
    meta: {
      date: new Date().toISOString(),
      ...git,
      host: describeHost(),
      bun: Bun.version,
      binary: { path: binary ? relative(ROOT, binary.path) : "dist/kubun", mtime: binary?.mtime ?? "missing", built: binary?.built ?? false },
      durationSeconds: (performance.now() - started) / 1000,
    },
    figures: [...(wants("writes") || wants("api") ? headline(m, skipped) : []), ...(wants("runc") ? runcFigures(runc, skipped) : [])],
    latency: latencyMatrix(m.latency ?? []),
    method: [...(wants("writes") || wants("api") ? methodNotes(PLAN, details) : []), ...(wants("runc") ? [runcMethod(RUNC_PLAN, runc)] : [])],
    phases,
    problems: Object.entries(failed).map(([p, e]) => `${p}: ${e}`),
    details: { ...details, measurements: m, runc },
  };
  if (QUICK) {
    console.log(toMarkdown(results));
  } else if (SELECTED.length) {
    const out = process.env.BENCH_OUT || mkdtempSync(join(tmpdir(), "kubun-bench-out-"));
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "results.json"), toJson(results));
    writeFileSync(join(out, "RESULTS.md"), toMarkdown(results));
    log(`partial run (BENCH_PHASES=${SELECTED.join(",")}): wrote ${out}/results.json and ${out}/RESULTS.md; bench/ is untouched`);
  } else {
    // The figures of `bun run bench:scale` (a separate run) stay in both files.
    const scale = previousScale(join(import.meta.dir, "results.json"));
    writeFileSync(join(import.meta.dir, "results.json"), scale ? jsonText(mergeScale(results, scale)) : toJson(results));
    writeFileSync(join(import.meta.dir, "RESULTS.md"), toMarkdown(results) + (scale ? `\n${scaleMarkdown(scale)}` : ""));
    log(`wrote bench/results.json and bench/RESULTS.md in ${results.meta.durationSeconds.toFixed(0)} s`);
  }
  return results.problems.length > 0 ? 1 : 0;
}

if (import.meta.main) {
  process.exit(hasRaisedLimits() ? await main() : await reexecWithLimits());
}
