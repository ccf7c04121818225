// Test helpers for the runc runtime: a busybox layer made from Debian's busybox-static (no
// registry needed), an image resolver serving it, pods running busybox commands, and a harness
// with its own data dir, runc root and cgroup parent that removes everything on close.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Container, Pod, PodSpec } from "kubernetes-types/core/v1";
import { createLogger } from "../../../shared/log.ts";
import type { RuntimeHarness } from "../runtime.case.ts";
import type { ImageResolver } from "./images.ts";
import { removeCgroup } from "./cgroups.ts";
import { unmountAll } from "./sandbox.ts";
import { RuncRuntime, type RuncRuntimeOptions } from "./runtime.ts";

/** Throws naming what is missing: root, runc, busybox-static. */
export function requireRuncHost(): void {
  if (process.getuid?.() !== 0) throw new Error("the runc runtime tests need root (namespaces, overlay mounts, cgroups): run them as root");
  const path = `${process.env.PATH ?? ""}:/usr/sbin:/sbin`;
  if (!Bun.which("runc", { PATH: path })) throw new Error("runc is not installed: install the Debian package runc");
  if (!Bun.which("busybox", { PATH: path })) throw new Error("busybox is not installed: install the Debian package busybox-static");
}

/** An unpacked layer holding busybox-static and its applets. */
export function busyboxLayer(dir: string): string {
  requireRuncHost();
  const busybox = Bun.which("busybox", { PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` })!;
  const layer = join(dir, "layer");
  for (const d of ["bin", "etc", "tmp", "root", "proc", "sys", "dev"]) mkdirSync(join(layer, d), { recursive: true });
  chmodSync(join(layer, "tmp"), 0o1777);
  copyFileSync(busybox, join(layer, "bin/busybox"));
  chmodSync(join(layer, "bin/busybox"), 0o755);
  const list = Bun.spawnSync([busybox, "--list"]).stdout.toString().split("\n").filter(Boolean);
  for (const a of list) if (a !== "busybox") symlinkSync("busybox", join(layer, "bin", a));
  writeFileSync(join(layer, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
  writeFileSync(join(layer, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
  return layer;
}

export function busyboxResolver(layer: string): ImageResolver {
  return {
    ensureImage: async () => ({
      rootfsLayers: [layer],
      repoDigest: "docker.io/library/busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000",
      config: { env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], entrypoint: [], cmd: ["/bin/sh"], workingDir: "", user: "", exposedPorts: [], labels: {} },
    }),
  };
}

/**
 * A shell that exits 0 at once on SIGTERM (sh as PID 1 would otherwise ignore it). A SIGTERM that
 * arrives before the trap is set is still ignored: test pods have a 2 s grace period.
 */
export const SLEEP_FOREVER = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"];

export function shPod(name: string, script: string | string[], spec: Partial<PodSpec> = {}, container: Partial<Container> = {}): Pod {
  const command = typeof script === "string" ? ["sh", "-c", script] : script;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: crypto.randomUUID() },
    spec: { containers: [{ name: "main", image: "busybox:1.36", command, ...container }], restartPolicy: "Always", terminationGracePeriodSeconds: 2, ...spec },
  };
}

export async function waitUntil(cond: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(20);
  }
}

export interface RuncHarness extends RuntimeHarness {
  runtime: RuncRuntime;
  dir: string;
  opts: RuncRuntimeOptions;
  /** Another runtime on the same dirs (an agent restart); closed with the harness. */
  reopen(): Promise<RuncRuntime>;
}

export async function runcHarness(extra: Partial<RuncRuntimeOptions> = {}): Promise<RuncHarness> {
  requireRuncHost();
  const dir = mkdtempSync(join(tmpdir(), "kubun-runc-"));
  const opts: RuncRuntimeOptions = {
    dataDir: join(dir, "data"),
    images: busyboxResolver(busyboxLayer(dir)),
    cgroupParent: `/kubun-test-${crypto.randomUUID().slice(0, 8)}`,
    backoff: { initialMs: 200, maxMs: 1000 },
    adoptPollMs: 50,
    log: createLogger("error"),
    ...extra,
  };
  const runtimes = [await RuncRuntime.open(opts)];
  const runtime = runtimes[0]!;
  return {
    runtime,
    dir,
    opts,
    longRunning: (name) => shPod(name, SLEEP_FOREVER),
    completing: (name) => shPod(name, "echo done", { restartPolicy: "Never" }),
    waitFor: (cond, what) => waitUntil(cond, what, 4000).catch((e: Error) => {
      const ps = Bun.spawnSync(["sh", "-c", `ps -eo pid,ppid,stat,etimes,args --forest | grep -A3 -B1 '${dir}' | grep -v grep`]).stdout.toString();
      throw new Error(`${e.message}\n${ps}`);
    }),
    reopen: async () => {
      const rt = await RuncRuntime.open(opts);
      runtimes.push(rt);
      return rt;
    },
    close: async () => {
      const last = runtimes.at(-1)!;
      for (const p of await last.listPods()) await last.deletePod(p.uid, { gracePeriodSeconds: 1 });
      for (const rt of runtimes) await rt.close();
      await unmountAll(dir);
      removeCgroup(opts.cgroupParent!);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
