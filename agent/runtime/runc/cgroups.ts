// The agent's cgroups: every container's cgroupsPath is <parent>/pod<uid>/<container> (parent per
// agent, e.g. "/kubun" or "/kubun-node2"), on cgroup v1 (one tree per controller) and v2 alike.
// After a container exits (runc run --keep leaves its cgroup), the memory controller says whether
// the kernel OOM-killed something in it.
import { existsSync, readdirSync, readFileSync, rmdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = "/sys/fs/cgroup";

export function podCgroup(parent: string, uid: string): string {
  return `${parent.replace(/\/$/, "")}/pod${uid}`;
}

export function containerCgroup(parent: string, uid: string, container: string): string {
  return `${podCgroup(parent, uid)}/${container}`;
}

/** The dirs a cgroup path has: /sys/fs/cgroup/<path> on v2, /sys/fs/cgroup/<controller>/<path> on v1 and in hybrid mode. */
export function cgroupDirs(path: string): string[] {
  const out: string[] = [];
  if (existsSync(join(ROOT, "cgroup.controllers"))) return [join(ROOT, path)];
  for (const h of readdirSync(ROOT)) {
    const base = join(ROOT, h);
    try {
      if (!statSync(base).isDirectory()) continue;
    } catch {
      continue;
    }
    out.push(join(base, path));
  }
  return out;
}

/** How many processes the kernel OOM-killed in the cgroup (0 when it cannot tell). */
export function oomKills(path: string): number {
  const v2 = join(ROOT, path, "memory.events");
  const v1 = join(ROOT, "memory", path, "memory.oom_control");
  for (const file of [v2, v1]) {
    try {
      const m = /^oom_kill (\d+)$/m.exec(readFileSync(file, "utf8"));
      if (m) return Number(m[1]);
    } catch {}
  }
  return 0;
}

/** Removes the cgroup and what is below it in every hierarchy (empty cgroups only; the kernel refuses others). */
export function removeCgroup(path: string): void {
  for (const dir of cgroupDirs(path)) removeTree(dir);
}

function removeTree(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return;
  }
  for (const e of entries) removeTree(join(dir, e));
  try {
    rmdirSync(dir);
  } catch {}
}

/** Whether any hierarchy still has the cgroup. */
export function cgroupExists(path: string): boolean {
  return cgroupDirs(path).some((d) => existsSync(d));
}
