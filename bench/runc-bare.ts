// The baseline of the agent-overhead figure: the very container the agent runs, started by hand
// with `runc run -d`. The template is taken from a pod the agent is running: its generated
// config.json and the image layers of its overlay rootfs (from /proc/self/mountinfo). A bare run
// mounts the same overlay, writes the same config (fresh namespaces instead of the pod's, a cgroup
// of its own, the pod's files copied while it ran) and times mount → runc's return.
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface BareTemplate {
  config: Record<string, unknown>;
  /** The overlay's lowerdir option: image layers, top first. */
  lowerdir: string;
  /** The pod dir the config's mounts point into. */
  podDir: string;
  /** Where the files of the pod dir the config mounts were copied to (the pod may be gone since). */
  podCopy: string;
}

interface Mount {
  destination: string;
  source?: string;
  type?: string;
  options?: string[];
}

/** The mount at `mountPoint` in a mountinfo text: its super options' lowerdir. */
export function overlayLowerdir(mountinfo: string, mountPoint: string): string | undefined {
  for (const line of mountinfo.split("\n")) {
    const fields = line.split(" ");
    const mp = fields[4]?.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (mp !== mountPoint) continue;
    const supers = line.slice(line.indexOf(" - ") + 3).split(" ")[2] ?? "";
    const m = /(?:^|,)lowerdir=([^,]+)/.exec(supers);
    if (m) return m[1];
  }
  return undefined;
}

/** Takes the template from a running container of the pod in `podDir`, copying the pod files it mounts to `podCopy`. */
export function captureTemplate(podDir: string, container: string, podCopy: string): BareTemplate {
  const bundle = join(podDir, "containers", container, "bundle");
  const config = JSON.parse(readFileSync(join(bundle, "config.json"), "utf8")) as Record<string, unknown>;
  const lowerdir = overlayLowerdir(readFileSync("/proc/self/mountinfo", "utf8"), join(bundle, "rootfs"));
  if (!lowerdir) throw new Error(`no overlay mounted at ${join(bundle, "rootfs")}: is the pod's container running?`);
  mkdirSync(podCopy, { recursive: true });
  for (const m of (config.mounts ?? []) as Mount[]) {
    if (m.source?.startsWith(`${podDir}/`) && existsSync(m.source)) cpSync(m.source, join(podCopy, relative(podDir, m.source)), { recursive: true });
  }
  return { config, lowerdir, podDir, podCopy };
}

/**
 * The template's config for a bare run: namespaces without paths (runc makes new ones), the given
 * cgroup, mount sources under the pod dir moved to `podCopy` (the same relative paths).
 */
export function bareConfig(t: BareTemplate, options: { cgroupsPath: string }): Record<string, unknown> {
  const config = structuredClone(t.config) as { mounts?: Mount[]; linux?: { namespaces?: { type: string; path?: string }[]; cgroupsPath?: string }; root?: { path: string } };
  config.root = { ...(config.root ?? {}), path: "rootfs" };
  config.mounts = (config.mounts ?? []).map((m) => (m.source && (m.source === t.podDir || m.source.startsWith(`${t.podDir}/`)) ? { ...m, source: join(t.podCopy, relative(t.podDir, m.source)) } : m));
  config.linux = { ...(config.linux ?? {}), cgroupsPath: options.cgroupsPath, namespaces: (config.linux?.namespaces ?? []).map(({ type }) => ({ type })) };
  return config as Record<string, unknown>;
}

async function must(argv: string[]): Promise<void> {
  const p = Bun.spawn(argv, { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  const [err, code] = await Promise.all([new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`\`${argv.join(" ")}\` exited ${code}: ${err.trim()}`);
}

/** `runs` bare runs one after another; each one's mount → `runc run -d` returned, ms. */
export async function bareRuns(t: BareTemplate, options: { runs: number; dir: string; runcRoot: string; cgroupParent: string }): Promise<number[]> {
  const { dir, runcRoot } = options;
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const run = join(dir, `run-${i}`);
    const rootfs = join(run, "bundle", "rootfs");
    for (const d of [join(run, "upper"), join(run, "work"), rootfs]) mkdirSync(d, { recursive: true });
    const id = `kubun-bench-bare-${process.pid}-${i}`;
    const config = JSON.stringify(bareConfig(t, { cgroupsPath: `${options.cgroupParent}/c${i}` }));
    const out = openSync(join(run, "output.log"), "a");
    try {
      const t0 = performance.now();
      await must(["mount", "-t", "overlay", "overlay", "-o", `lowerdir=${t.lowerdir},upperdir=${join(run, "upper")},workdir=${join(run, "work")}`, rootfs]);
      writeFileSync(join(run, "bundle", "config.json"), config);
      const p = Bun.spawn(["runc", "--root", runcRoot, "run", "-d", "--bundle", join(run, "bundle"), "--pid-file", join(run, "pid"), id], { stdin: "ignore", stdout: out, stderr: out });
      const code = await p.exited;
      const t1 = performance.now();
      if (code !== 0) throw new Error(`bare \`runc run -d\` exited ${code}: ${readFileSync(join(run, "output.log"), "utf8").trim()}`);
      times.push(t1 - t0);
    } finally {
      closeSync(out);
      await must(["runc", "--root", runcRoot, "delete", "--force", id]).catch(() => {});
      await must(["umount", rootfs]).catch(() => {});
      rmSync(run, { recursive: true, force: true });
    }
  }
  return times;
}
