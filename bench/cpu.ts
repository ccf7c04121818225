// CPU accounting for context: how busy the whole machine was during a phase, and how much of
// that was the bench itself and the server, so load from other processes shows in the report.
import { readFileSync } from "node:fs";

export interface CpuSnapshot {
  at: number;
  /** Busy and total jiffies of all CPUs (/proc/stat); iowait counts as idle. */
  busy: number;
  total: number;
  cpus: number;
  /** This process's user+system seconds, all threads. */
  self: number;
}

export interface CpuUse {
  seconds: number;
  /** CPUs busy on average on the whole machine (0 … number of CPUs). */
  machine: number;
  /** CPUs this bench process used on average. */
  bench: number;
}

export function cpuSnapshot(): CpuSnapshot {
  const lines = readFileSync("/proc/stat", "utf8").split("\n");
  const f = lines[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = f[3]! + f[4]!;
  const total = f.reduce((a, b) => a + b, 0);
  const usage = process.cpuUsage();
  return { at: performance.now(), busy: total - idle, total, cpus: lines.filter((l) => /^cpu\d/.test(l)).length, self: (usage.user + usage.system) / 1e6 };
}

export function cpuSince(before: CpuSnapshot, after: CpuSnapshot = cpuSnapshot()): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const jiffies = after.total - before.total;
  return {
    seconds,
    machine: jiffies > 0 ? ((after.busy - before.busy) / jiffies) * after.cpus : 0,
    bench: seconds > 0 ? (after.self - before.self) / seconds : 0,
  };
}
