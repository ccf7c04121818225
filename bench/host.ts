// The bench process's environment: enough fetch slots and file descriptors for the watchers
// (Bun reads BUN_CONFIG_MAX_HTTP_REQUESTS, default 256, only at start, so run.ts re-executes
// itself once), and a description of the machine for the report.
import { readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";

export const FETCH_SLOTS = 4096;
export const OPEN_FILES = 8192;

/** True when this process already runs with the raised limits. */
export function hasRaisedLimits(): boolean {
  return Number(process.env.BUN_CONFIG_MAX_HTTP_REQUESTS) >= FETCH_SLOTS;
}

/** Runs this script again with the limits raised; resolves with its exit code. */
export async function reexecWithLimits(): Promise<number> {
  const script = `ulimit -n ${OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;
  const child = Bun.spawn(["sh", "-c", script, "sh", process.execPath, ...process.argv.slice(1)], {
    stdio: ["inherit", "inherit", "inherit"],
    env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: String(FETCH_SLOTS) },
  });
  // Ctrl-C reaches the child too; wait for it to clean up instead of dying first.
  const ignore = () => {};
  process.on("SIGINT", ignore);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  return child.exited;
}

/** The soft limit on open files of this process. */
export function openFilesLimit(): number {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync("/proc/self/limits", "utf8"));
  return !m || m[1] === "unlimited" ? Infinity : Number(m[1]);
}

export function describeHost() {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim();
  return { cpu: model ?? cpus()[0]?.model ?? "unknown CPU", cores: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), kernel: release() };
}

export function gitState(root: string): { commit: string; dirty: boolean } {
  const run = (args: string[]) => Bun.spawnSync(["git", ...args], { cwd: root }).stdout.toString().trim();
  return { commit: run(["rev-parse", "--short", "HEAD"]) || "unknown", dirty: run(["status", "--porcelain"]) !== "" };
}
