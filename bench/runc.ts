// The runc phase of `bun run bench`, from the outside: check what it needs (root and the tools,
// named by their Debian packages; a missing one fails the phase, it is never skipped), make a
// network namespace so the agent's bridge, veths and iptables rules never touch the host's
// network, run bench/runc-phase.ts in it (nsenter --net only: mounts and cgroups stay the host's),
// delete the namespace.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { RuncMeasurements, RuncPlan } from "./runc-figures.ts";
import type { PhaseInput, PhaseOutput } from "./runc-phase.ts";
import { childrenCpuSeconds } from "./server.ts";

/** command → Debian package. */
const TOOLS: Record<string, string> = {
  runc: "runc",
  "docker-registry": "docker-registry",
  skopeo: "skopeo",
  umoci: "umoci",
  busybox: "busybox-static",
  ip: "iproute2",
  iptables: "iptables",
  nsenter: "util-linux",
  mount: "mount",
};

/** What is missing for the runc phase, as one message; undefined when nothing is. */
export function missingPrerequisites(isRoot: boolean, which: (cmd: string) => string | null): string | undefined {
  const missing = Object.entries(TOOLS).filter(([cmd]) => !which(cmd));
  const parts: string[] = [];
  if (!isRoot) parts.push("it must run as root (runc, mounts, cgroups, a network namespace)");
  if (missing.length) parts.push(`install the Debian packages ${missing.map(([, pkg]) => pkg).join(", ")} (missing: ${missing.map(([cmd]) => cmd).join(", ")})`);
  return parts.length ? `the runc phase needs real containers: ${parts.join("; ")}` : undefined;
}

async function ip(...args: string[]): Promise<void> {
  const p = Bun.spawn(["ip", ...args], { stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  const [err, code] = await Promise.all([new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`\`ip ${args.join(" ")}\` exited ${code}: ${err.trim()}`);
}

export async function measureRunc(plan: RuncPlan, options: { binary: string; root: string; timeoutMs: number; log: (m: string) => void }): Promise<PhaseOutput & { measurements: RuncMeasurements; cpuSeconds: number }> {
  const why = missingPrerequisites(process.getuid?.() === 0, (cmd) => Bun.which(cmd, { PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` }));
  if (why) throw new Error(why);
  const netns = `kubun-bench-${process.pid}`;
  const dir = mkdtempSync(join(options.root, "runc-"));
  const input: PhaseInput = { plan, binary: options.binary, dir: join(dir, "work"), out: join(dir, "result.json") };
  await ip("netns", "add", netns);
  try {
    await ip("-n", netns, "link", "set", "lo", "up");
    const cpu0 = childrenCpuSeconds();
    const child = Bun.spawn(["nsenter", `--net=/run/netns/${netns}`, process.execPath, join(import.meta.dir, "runc-phase.ts"), JSON.stringify(input)], {
      stdio: ["ignore", "inherit", "inherit"],
      env: process.env,
    });
    const stop = () => child.kill("SIGTERM");
    process.once("SIGTERM", stop);
    const timer = setTimeout(() => {
      options.log(`runc phase: still running after ${options.timeoutMs / 1000} s; stopping it`);
      stop();
    }, options.timeoutMs);
    const code = await child.exited;
    clearTimeout(timer);
    process.off("SIGTERM", stop);
    if (!existsSync(input.out)) throw new Error(`bench/runc-phase.ts exited ${code} without a result`);
    const out = JSON.parse(readFileSync(input.out, "utf8")) as PhaseOutput;
    return { ...out, cpuSeconds: childrenCpuSeconds() - cpu0 };
  } finally {
    await ip("netns", "delete", netns).catch((e: Error) => options.log(`runc phase: ${e.message}`));
    rmSync(dir, { recursive: true, force: true });
  }
}
