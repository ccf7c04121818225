// One run of a container under runc: `runc run --keep` in the foreground inside a small `sh`
// (started with setsid so it outlives an agent restart) that writes runc's exit code — the
// container's, 128+signal when killed — to the container's exit file. The agent awaits that
// shell while it lives; an agent that adopted the container polls for the exit file instead.
// stdout and stderr of the whole chain go to the run's log file. --keep leaves the cgroup so
// the exit can be checked for an OOM kill before `runc delete`.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import type { ContainerPaths } from "./paths.ts";
import type { Runc } from "./runc.ts";

export interface RunHandle {
  /** Resolves once the container runs (its pid file exists), or rejects when it never started. */
  started: Promise<number>;
  /** The exit code, once the run ended. */
  exited: Promise<number>;
}

const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * `stdin`: a FIFO the run reads as its stdin (the container's spec.stdin, for attach); the
 * caller holds it open for writing and closes it for EOF. Otherwise stdin is /dev/null.
 */
export function startRun(runc: Runc, paths: ContainerPaths, id: string, logFile: string, stdin?: string): RunHandle {
  rmSync(paths.exitFile, { force: true });
  rmSync(paths.pidFile, { force: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const cmd = runc.argv("run", "--keep", "--bundle", paths.bundle, "--pid-file", paths.pidFile, id).map(q).join(" ");
  const script = `${cmd} <${stdin ? q(stdin) : "/dev/null"}; echo $? > ${q(paths.exitFile)}.tmp && mv ${q(paths.exitFile)}.tmp ${q(paths.exitFile)}`;
  const fd = openSync(logFile, "a");
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn(["setsid", "-w", "sh", "-c", script], { stdin: "ignore", stdout: fd, stderr: fd });
  } finally {
    closeSync(fd);
  }
  const exited = proc.exited.then(() => readExit(paths) ?? 255);
  return { exited, started: waitStarted(paths, exited) };
}

/**
 * A run started by an earlier agent: its exit file, polled. Every tenth poll runc is asked too:
 * a container runc no longer runs whose exit file never came (its runc was killed, e.g. by a
 * service manager killing the agent's whole cgroup; use KillMode=process as k3s does) ended
 * with an unknown code, reported as 255.
 */
export function adoptRun(runc: Runc, id: string, paths: ContainerPaths, pollMs: number, cancelled: () => boolean): Promise<number | undefined> {
  return (async () => {
    for (let i = 1; ; i++) {
      const code = readExit(paths);
      if (code !== undefined) return code;
      if (cancelled()) return undefined;
      if (i % 10 === 0) {
        const st = await runc.state(id);
        if ((!st || st.status === "stopped") && readExit(paths) === undefined) {
          await Bun.sleep(pollMs);
          return readExit(paths) ?? 255;
        }
      }
      await Bun.sleep(pollMs);
    }
  })();
}

export function readExit(paths: ContainerPaths): number | undefined {
  if (!existsSync(paths.exitFile)) return undefined;
  const n = parseInt(readFileSync(paths.exitFile, "utf8"), 10);
  return Number.isNaN(n) ? 255 : n;
}

async function waitStarted(paths: ContainerPaths, exited: Promise<number>): Promise<number> {
  let done = false;
  exited.then(() => (done = true));
  for (;;) {
    if (existsSync(paths.pidFile)) {
      const pid = parseInt(readFileSync(paths.pidFile, "utf8"), 10);
      if (pid > 0) return pid;
    }
    if (done && !existsSync(paths.pidFile)) throw new Error("the container did not start");
    await Bun.sleep(5);
  }
}
