// `bun run bench:scale`: simulated clusters of 100, then 500 nodes, 30 pods each, created at
// 10 pods/s; merges the figures into bench/results.json (`scale` key) and bench/RESULTS.md (the
// "Scale" section) without touching the figures of `bun run bench`. `--quick` tries it small and
// prints the section instead; SCALE_NODES (e.g. "100"), SCALE_PODS_PER_NODE and
// SCALE_STEADY_SECONDS choose another small plan. Stops its processes and removes its temp dirs, also on failure.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeHost, gitState } from "./host.ts";
import { toMarkdown } from "./report.ts";
import { scaleMethod } from "./scale-method.ts";
import { isBenchResults, jsonText, mergeScale, previousScale, reviveNumbers, runFigures, scaleMarkdown, type ScaleResults, type ScaleRun } from "./scale-report.ts";
import { scaleRun, type ScalePlan } from "./scale-run.ts";
import { ensureBinary, ROOT } from "./server.ts";

const QUICK = process.argv.includes("--quick");
/** Knobs for a small trial run (with --quick, which prints instead of writing the report). */
const envNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const NODES = process.env.SCALE_NODES?.split(",").map(Number).filter((n) => n > 0);
const PLAN: ScalePlan = {
  podsPerNode: envNumber("SCALE_PODS_PER_NODE") ?? (QUICK ? 3 : 30),
  podsPerSecond: envNumber("SCALE_PODS_PER_SECOND") ?? 10,
  perDeployment: 10,
  joinTimeoutSeconds: 180,
  runningWaitSeconds: QUICK ? 20 : 60,
  settleSeconds: QUICK ? 2 : 5,
  steadySeconds: envNumber("SCALE_STEADY_SECONDS") ?? (QUICK ? 10 : 60),
  probeEveryMs: 100,
  listLimit: 500,
  sharedWatch: true,
};
/** The 500-node run would take 25 min at 10 pods/s; its ramp is capped to keep the bench ~10 min. */
const RUNS: { nodes: number; rampCapSeconds?: number }[] = NODES?.length
  ? NODES.map((nodes) => ({ nodes }))
  : QUICK
    ? [{ nodes: 10 }, { nodes: 20, rampCapSeconds: 3 }]
    : [{ nodes: 100 }, { nodes: 500, rampCapSeconds: Number(process.env.SCALE_500_CAP_SECONDS) || 120 }];

const log = (msg: string) => console.error(`[bench:scale ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function freePort(): Promise<number> {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

async function main(): Promise<number> {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), "kubun-scale-"));
  const live = new Set<{ stop(): Promise<void> }>();
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const p of live) await p.stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    })());
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const runs: ScaleRun[] = [];
  let binaryMtime = "missing";
  try {
    const bin = await ensureBinary();
    binaryMtime = bin.mtime;
    // A private copy: another build replacing dist/kubun mid-run cannot change what is measured.
    const binary = join(root, "kubun");
    writeFileSync(binary, readFileSync(bin.path), { mode: 0o755 });
    for (const spec of RUNS) {
      runs.push(await scaleRun(PLAN, spec, { binary, root, port: freePort, log, track: (p) => live.add(p) }));
    }
  } catch (err) {
    log(`stopped early: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await cleanup();
  }

  const scale: ScaleResults = {
    meta: { date: new Date().toISOString(), ...gitState(ROOT), host: describeHost(), bun: Bun.version, binary: `dist/kubun built ${binaryMtime}`, durationSeconds: (performance.now() - started) / 1000 },
    plan: { ...PLAN, runs: RUNS },
    runs,
    figures: runs.flatMap(runFigures),
    method: scaleMethod(PLAN, runs),
  };
  if (QUICK) console.log(scaleMarkdown(scale));
  else writeReport(scale);
  return runs.length === RUNS.length && runs.every((r) => r.problems.length === 0) ? 0 : 1;
}

/** Merges the scale figures into bench/results.json and regenerates bench/RESULTS.md from both. */
function writeReport(scale: ScaleResults): void {
  const jsonPath = join(import.meta.dir, "results.json");
  let existing: unknown;
  try {
    existing = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, "utf8"), reviveNumbers) : undefined;
  } catch (err) {
    log(`bench/results.json is not JSON (${String(err)}); writing the scale figures alone`);
  }
  writeFileSync(jsonPath, jsonText(mergeScale(existing, scale)));
  const head = isBenchResults(existing) ? toMarkdown(existing) : "# kubun benchmark results\n\nNo `bun run bench` results in bench/results.json yet.\n";
  writeFileSync(join(import.meta.dir, "RESULTS.md"), `${head}\n${scaleMarkdown(scale)}`);
  log(`wrote the scale figures into bench/results.json and bench/RESULTS.md (run of ${scale.meta.durationSeconds.toFixed(0)} s)`);
}

if (import.meta.main) {
  if (process.argv.includes("--render")) {
    // Regenerates bench/RESULTS.md from the figures already in bench/results.json; runs nothing.
    const scale = previousScale(join(import.meta.dir, "results.json"));
    if (!scale) throw new Error("bench/results.json has no `scale` figures; run `bun run bench:scale` first");
    writeReport(scale);
  } else process.exit(await main());
}
