// What a `kubun agent` costs in memory: its own process plus every process it keeps alive for
// its containers outside the containers themselves (a `sh` and a `runc run` per container before
// the agent became its containers' subreaper; none since). A process counts as the
// agent's when it descends from the agent's pid; it is a container's when its cgroup lies under
// the agent's cgroup parent (runc puts the container's processes there).
import { readdirSync, readFileSync } from "node:fs";

export interface ProcEntry {
  pid: number;
  ppid: number;
  comm: string;
  /** The process's cgroup paths, one per hierarchy (the path part of /proc/<pid>/cgroup). */
  cgroups: string[];
}

export interface MemorySample {
  agentRssBytes: number;
  agentPssBytes: number;
  /** Per-container helper processes of the agent (not the containers' own processes). */
  helpers: { pid: number; comm: string; rssBytes: number; pssBytes: number }[];
  helperRssBytes: number;
  helperPssBytes: number;
  /** Agent + helpers. */
  totalRssBytes: number;
  totalPssBytes: number;
}

/** Descendants of `root` that are not in a cgroup under `cgroupParent` (the agent's helpers). */
export function helperPids(procs: readonly ProcEntry[], root: number, cgroupParent: string): ProcEntry[] {
  const children = new Map<number, ProcEntry[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const inContainer = (p: ProcEntry) => p.cgroups.some((c) => c === cgroupParent || c.startsWith(`${cgroupParent}/`));
  const out: ProcEntry[] = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const p = stack.pop()!;
    // A container's processes and all they start are the container's, not the agent's.
    if (inContainer(p)) continue;
    out.push(p);
    stack.push(...(children.get(p.pid) ?? []));
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** pid, ppid, command name and cgroups of every process on the machine (ones that exit meanwhile are skipped). */
export function readProcesses(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cgroups = readFileSync(`/proc/${name}/cgroup`, "utf8").split("\n").filter(Boolean).map((l) => l.slice(l.indexOf(":", l.indexOf(":") + 1) + 1));
      out.push({ pid: Number(name), ppid, comm, cgroups });
    } catch {}
  }
  return out;
}

/** VmRSS and Pss (smaps_rollup) of a process, bytes; 0 for one that is gone. */
export function processMemory(pid: number): { rssBytes: number; pssBytes: number } {
  const kb = (path: string, field: string) => {
    try {
      const m = new RegExp(`^${field}:\\s*(\\d+) kB`, "m").exec(readFileSync(path, "utf8"));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  return { rssBytes: kb(`/proc/${pid}/status`, "VmRSS"), pssBytes: kb(`/proc/${pid}/smaps_rollup`, "Pss") };
}

export function sampleAgentMemory(agentPid: number, cgroupParent: string): MemorySample {
  const agent = processMemory(agentPid);
  const helpers = helperPids(readProcesses(), agentPid, cgroupParent).map((p) => ({ pid: p.pid, comm: p.comm, ...processMemory(p.pid) }));
  const helperRssBytes = helpers.reduce((n, h) => n + h.rssBytes, 0);
  const helperPssBytes = helpers.reduce((n, h) => n + h.pssBytes, 0);
  return {
    agentRssBytes: agent.rssBytes,
    agentPssBytes: agent.pssBytes,
    helpers,
    helperRssBytes,
    helperPssBytes,
    totalRssBytes: agent.rssBytes + helperRssBytes,
    totalPssBytes: agent.pssBytes + helperPssBytes,
  };
}

/** Memory added per pod between an idle sample and one with `pods` pods. */
export function perPod(idle: MemorySample, loaded: MemorySample, pods: number): { rssBytes: number; pssBytes: number } {
  if (!(pods > 0)) throw new RangeError(`perPod: pods must be > 0, got ${pods}`);
  return { rssBytes: (loaded.totalRssBytes - idle.totalRssBytes) / pods, pssBytes: (loaded.totalPssBytes - idle.totalPssBytes) / pods };
}
