// The pod's sandbox without a pause container: its network, IPC and UTS namespaces are made once
// by `unshare --net=<file> …` (which bind-mounts them onto files under ns/, a private mount so the
// binds do not propagate) and every container joins them by path. The UTS namespace carries the
// pod's hostname.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { PodPaths } from "./paths.ts";

const KINDS = ["net", "ipc", "uts"] as const;

async function sh(argv: string[]): Promise<void> {
  const p = Bun.spawn(argv, { stdout: "ignore", stderr: "pipe", stdin: "ignore" });
  const [err, code] = await Promise.all([new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`pod sandbox: \`${argv.join(" ")}\` failed: ${err.trim()}`);
}

/** Mount points (as /proc/self/mountinfo lists them) at or under `dir`. */
export function mountsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const mp = line.split(" ")[4];
    if (!mp) continue;
    const path = mp.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (path === dir || path.startsWith(`${dir}/`)) out.push(path);
  }
  return out;
}

export async function createSandbox(paths: PodPaths, hostname: string): Promise<void> {
  const dir = paths.nsDir;
  mkdirSync(dir, { recursive: true });
  if (existsSync(paths.ns("uts")) && mountsUnder(dir).includes(paths.ns("uts"))) return;
  if (!mountsUnder(dir).includes(dir)) {
    await sh(["mount", "--bind", "--make-private", dir, dir]); // util-linux applies both in one call
  }
  for (const k of KINDS) writeFileSync(paths.ns(k), "");
  await sh(["unshare", `--net=${paths.ns("net")}`, `--ipc=${paths.ns("ipc")}`, `--uts=${paths.ns("uts")}`, "hostname", hostname.slice(0, 63)]);
}

/** Unmounts the namespace files and ns/ itself, then removes ns/. Idempotent. */
export async function removeSandbox(paths: PodPaths): Promise<void> {
  await unmountAll(paths.nsDir);
  rmSync(paths.nsDir, { recursive: true, force: true });
}

/** Unmounts everything at or under `dir`, deepest first (lazily if busy). */
export async function unmountAll(dir: string): Promise<void> {
  for (const mp of mountsUnder(dir).sort((a, b) => b.length - a.length)) {
    await sh(["umount", mp])
      .catch(() => sh(["umount", "-l", mp]))
      .catch((e: Error) => {
        if (mountsUnder(mp).includes(mp)) throw e;
      });
  }
}
