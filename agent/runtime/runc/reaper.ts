// Collects the exits of the agent's re-parented children (subreaper.ts): container inits by
// their known pids, polled with waitpid(pid, WNOHANG) every `pollMs`; and, every `sweepMs`, any
// other zombie re-parented to the agent (e.g. a process `runc exec` left when its runc was
// killed), so none accumulate. A zombie is left alone while Bun holds a pidfd for it (Bun spawned
// it and reaps it itself) and until it has been seen in two sweeps in a row.
// One reaper per process: runtimes reopened in the same process (tests) share its watches.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { isSubreaper, tryWait } from "./subreaper.ts";

interface Watch {
  promise: Promise<number | undefined>;
  resolve(code: number | undefined): void;
}

export class Reaper {
  private readonly watches = new Map<number, Watch>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastSweep = 0;
  private seenZombies = new Set<number>();

  constructor(private readonly pollMs = 100, private readonly sweepMs = 1000) {}

  /**
   * Resolves with the exit code of `pid`, a child of this process, once it exits; undefined
   * when it is not (or no longer) our child, so its status cannot be known here.
   */
  exitOf(pid: number): Promise<number | undefined> {
    const known = this.watches.get(pid);
    if (known) return known.promise;
    let resolve!: (code: number | undefined) => void;
    const promise = new Promise<number | undefined>((r) => (resolve = r));
    this.watches.set(pid, { promise, resolve });
    this.check(pid);
    this.timer ??= setInterval(() => this.tick(), this.pollMs);
    this.timer.unref?.();
    return promise;
  }

  get watching(): number {
    return this.watches.size;
  }

  private check(pid: number) {
    const w = this.watches.get(pid);
    if (!w) return;
    const r = tryWait(pid);
    if (r.state === "running") return;
    this.watches.delete(pid);
    w.resolve(r.state === "exited" ? r.code : undefined);
  }

  private tick() {
    for (const pid of [...this.watches.keys()]) this.check(pid);
    const now = Date.now();
    if (isSubreaper() && now - this.lastSweep >= this.sweepMs) {
      this.lastSweep = now;
      this.sweep();
    }
    if (!this.watches.size && !isSubreaper()) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Reap zombie children nobody waits for (see the header). */
  sweep(): number {
    const zombies = new Set(childPids().filter((pid) => !this.watches.has(pid) && isZombie(pid)));
    const spawned = pidfdPids();
    let reaped = 0;
    for (const pid of zombies) {
      if (spawned.has(pid) || !this.seenZombies.has(pid)) continue;
      if (tryWait(pid).state === "exited") reaped++;
    }
    this.seenZombies = zombies;
    return reaped;
  }
}

/** This process's children, from every thread's `children` list. */
export function childPids(): number[] {
  const out: number[] = [];
  for (const tid of safeReaddir("/proc/self/task")) {
    try {
      for (const p of readFileSync(`/proc/self/task/${tid}/children`, "utf8").split(" ")) if (p.trim()) out.push(Number(p));
    } catch {}
  }
  return out;
}

export function isZombie(pid: number): boolean {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    return s.slice(s.lastIndexOf(")") + 2, s.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}

/** Pids this process holds pidfds for: the children Bun spawned and watches. */
function pidfdPids(): Set<number> {
  const out = new Set<number>();
  for (const fd of safeReaddir("/proc/self/fd")) {
    try {
      if (!readlinkSync(`/proc/self/fd/${fd}`).includes("pidfd")) continue;
      const m = /^Pid:\s*(-?\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"));
      if (m) out.add(Number(m[1]));
    } catch {}
  }
  return out;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The process's reaper. */
export const reaper = new Reaper();
