// One run of a container under runc: `runc run --detach` (in a session of its own, so a signal to
// the agent's process group never reaches containers) starts the container and exits; the
// container's init is then re-parented to the agent, a child subreaper (subreaper.ts), and the
// reaper (reaper.ts) collects its exit status: the code, or 128+signal. No process stays behind
// per container. The code is also written to the container's exit file, so an agent restarted in
// the same process (tests) or a crash between reaping and handling loses nothing.
// runc gives the container its own stdio: stdout and stderr are the run's log file, stdin the
// container's FIFO (spec.stdin) or /dev/null, or all three a terminal's slave (tty: true).
// The cgroup stays after the exit (runc deletes it only with `runc delete`), so the exit can be
// checked for an OOM kill first.
//
// Containers started by an earlier agent process are not its children: their exit codes are
// lost. adoptRun watches their pid until it is gone and reports "unknown" (kubelet's
// ContainerStatusUnknown).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ContainerPaths } from "./paths.ts";
import { reaper } from "./reaper.ts";
import type { Runc } from "./runc.ts";
import { becomeSubreaper } from "./subreaper.ts";

/** How a run ended: its exit code, or "unknown" when the agent could not collect it. */
export type RunExit = number | "unknown";

export interface RunHandle {
  /** Resolves with the container's pid once it runs, or rejects when it never started. */
  started: Promise<number>;
  /** How the run ended (for a run that never started: runc's own exit code). */
  exited: Promise<RunExit>;
}

export interface RunStdio {
  /** A FIFO the container reads as stdin (spec.stdin); the caller keeps a writer open. */
  stdin?: string;
  /** A terminal for tty containers: runc passes it through as the container's stdin/out/err. */
  terminal?: Bun.Terminal;
}

export function startRun(runc: Runc, paths: ContainerPaths, id: string, logFile: string, stdio: RunStdio = {}): RunHandle {
  rmSync(paths.exitFile, { force: true });
  rmSync(paths.pidFile, { force: true });
  rmSync(startTimeFile(paths), { force: true });
  mkdirSync(dirname(logFile), { recursive: true });
  becomeSubreaper();
  // setsid -w: setsid execs runc directly (no extra process) unless it has to fork, and then waits.
  const argv = ["setsid", "-w", ...runc.argv("run", "--detach", "--bundle", paths.bundle, "--pid-file", paths.pidFile, id)];
  let proc: ReturnType<typeof Bun.spawn>;
  if (stdio.terminal) proc = Bun.spawn(argv, { terminal: stdio.terminal });
  else {
    const out = openSync(logFile, "a");
    // The caller holds the FIFO open for writing, so opening it for reading does not block.
    const inp = stdio.stdin ? openSync(stdio.stdin, "r") : undefined;
    try {
      proc = Bun.spawn(argv, { stdin: inp ?? "ignore", stdout: out, stderr: out });
    } finally {
      closeSync(out);
      if (inp !== undefined) closeSync(inp);
    }
  }
  const started = proc.exited.then((code) => {
    const pid = readPid(paths);
    if (code !== 0 || pid === undefined) throw new StartFailed(code);
    recordStartTime(paths, pid);
    return pid;
  });
  const exited = started.then(
    (pid) => reaper.exitOf(pid).then((code) => recordExit(paths, code ?? "unknown")),
    (e: StartFailed) => e.code,
  );
  return { started, exited };
}

class StartFailed extends Error {
  constructor(readonly code: number) {
    super(`runc run exited with ${code}`);
  }
}

function recordExit(paths: ContainerPaths, exit: RunExit): RunExit {
  try {
    writeFileSync(`${paths.exitFile}.tmp`, String(exit));
    renameSync(`${paths.exitFile}.tmp`, paths.exitFile);
  } catch {
    // the container's dir is gone (pod removed): nobody needs the record
  }
  return exit;
}

/**
 * A run started before this runtime opened: its recorded exit if there is one; if its init is
 * our child (same process), its exit code from the reaper; otherwise its pid is polled every
 * `pollMs` and, once gone, the exit is "unknown". Undefined when cancelled first.
 */
export async function adoptRun(runc: Runc, id: string, paths: ContainerPaths, pollMs: number, cancelled: () => boolean): Promise<RunExit | undefined> {
  const recorded = readExit(paths);
  if (recorded !== undefined) return recorded;
  const st = await runc.state(id);
  const pid = readPid(paths);
  if (!st || st.status === "stopped" || pid === undefined || st.pid !== pid) return readExit(paths) ?? (pid !== undefined && isRunInit(paths, pid) ? await reapNow(paths, pid) : "unknown");
  if (isRunInit(paths, pid)) return reapNow(paths, pid);
  const started = startTime(pid);
  // Gone (or a zombie) already, between runc's look and ours: nothing left to watch.
  if (started === undefined) return readExit(paths) ?? "unknown";
  for (;;) {
    if (cancelled()) return undefined;
    if (startTime(pid) !== started) return readExit(paths) ?? "unknown";
    await Bun.sleep(pollMs);
  }
}

async function reapNow(paths: ContainerPaths, pid: number): Promise<RunExit> {
  const code = await reaper.exitOf(pid);
  return code === undefined ? (readExit(paths) ?? "unknown") : recordExit(paths, code);
}

export function readExit(paths: ContainerPaths): RunExit | undefined {
  if (!existsSync(paths.exitFile)) return undefined;
  const text = readFileSync(paths.exitFile, "utf8").trim();
  if (text === "unknown") return "unknown";
  const n = parseInt(text, 10);
  return Number.isNaN(n) ? "unknown" : n;
}

function readPid(paths: ContainerPaths): number | undefined {
  try {
    const pid = parseInt(readFileSync(paths.pidFile, "utf8"), 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function statFields(pid: number): string[] | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    return s.slice(s.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

function isOurChild(pid: number): boolean {
  return Number(statFields(pid)?.[1]) === process.pid;
}

/** The init's start time (zombies too) next to its pid file: a later process reusing the pid has another. */
function startTimeFile(paths: ContainerPaths): string {
  return `${paths.pidFile}.start`;
}

function recordStartTime(paths: ContainerPaths, pid: number): void {
  const t = statFields(pid)?.[19];
  if (t !== undefined) writeFileSync(startTimeFile(paths), t);
}

/**
 * Whether pid is still the run's init and our child (the same agent process started it): not
 * one of our own later children that reuses the pid of an init gone while no agent ran, whose
 * exit status reaping would steal. A run recorded without a start time is taken as it is.
 */
function isRunInit(paths: ContainerPaths, pid: number): boolean {
  if (!isOurChild(pid)) return false;
  let saved: string | undefined;
  try {
    saved = readFileSync(startTimeFile(paths), "utf8").trim();
  } catch {}
  return saved === undefined || statFields(pid)?.[19] === saved;
}

/** The process's start time (a live, non-zombie pid), telling it from a later process that reuses the pid. */
function startTime(pid: number): string | undefined {
  const f = statFields(pid);
  if (!f || f[0] === "Z") return undefined;
  return f[19];
}
