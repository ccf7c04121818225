// One pod under runc. Setup: the pod dir and pod.json, the sandbox namespaces, the network, the
// shared /etc files and Memory emptyDirs; then init containers one after another (each must exit
// 0; a sidecar, restartPolicy Always, counts once it runs), then every container at once.
// Teardown undoes each step; it is idempotent and also works on a half-made pod.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Pod } from "kubernetes-types/core/v1";
import type { RuntimePodStatus } from "../types.ts";
import { podCgroup, removeCgroup } from "./cgroups.ts";
import { RuncContainer, type ContainerEnv, type RestartRule } from "./container.ts";
import type { PodNetwork } from "./network.ts";
import { isObjectVolume, refreshObjectVolumes, resumeTokenRefresh } from "./object-volumes.ts";
import { PodPaths } from "./paths.ts";
import { podHostnameOf, writePodFiles, type DnsConfig } from "./pod-files.ts";
import { createSandbox, mountsUnder, removeSandbox, unmountAll } from "./sandbox.ts";

export interface PodEnv extends Omit<ContainerEnv, "pod" | "paths" | "podIP"> {
  podsDir: string;
  network: PodNetwork;
  dns: DnsConfig;
  /** How often a running pod's configMap/secret/downwardAPI/projected volumes are brought up to date (the kubelet's --sync-frequency, default 1 min). */
  volumeRefreshMs?: number;
}

interface SavedPod {
  pod: Pod;
  createdAt: number;
  ip?: string;
  stopped?: boolean;
}

export class RuncPod {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly paths: PodPaths;
  createdAt: number;
  ip: string | undefined;
  readonly init: RuncContainer[];
  readonly containers: RuncContainer[];
  stopped = false;

  constructor(readonly pod: Pod, private readonly env: PodEnv, saved?: SavedPod) {
    this.uid = pod.metadata?.uid ?? "";
    this.namespace = pod.metadata?.namespace ?? "";
    this.name = pod.metadata?.name ?? "";
    this.paths = new PodPaths(env.podsDir, this.uid);
    this.createdAt = saved?.createdAt ?? Date.now();
    this.ip = saved?.ip;
    this.stopped = saved?.stopped ?? false;
    const cenv: ContainerEnv = { ...env, pod, paths: this.paths, podIP: () => this.ip };
    const policy = (pod.spec?.restartPolicy ?? "Always") as RestartRule;
    this.init = (pod.spec?.initContainers ?? []).map((c) => new RuncContainer(c, c.restartPolicy === "Always" ? "Always" : policy === "Never" ? "Never" : "OnFailure", cenv));
    this.containers = (pod.spec?.containers ?? []).map((c) => new RuncContainer(c, policy, cenv));
    this.init.forEach((c, i) => {
      const sidecar = c.spec.restartPolicy === "Always";
      c.onFinished = (code) => {
        if (code === 0 && !sidecar) void this.initDone(i);
      };
    });
  }

  /** A pod an earlier agent made, from its pod.json; undefined when there is none. */
  static load(env: PodEnv, dir: string): RuncPod | undefined {
    try {
      const saved = JSON.parse(readFileSync(`${dir}/pod.json`, "utf8")) as SavedPod;
      return new RuncPod(saved.pod, env, saved);
    } catch {
      return undefined;
    }
  }

  /** Set up the sandbox and start the first containers; remove() waits for it. */
  begin(): Promise<void> {
    this.beginning = this.setUp();
    return this.beginning;
  }

  private beginning: Promise<void> | undefined;
  private volumeTimer: ReturnType<typeof setInterval> | undefined;

  /** Keeps the pod's object volumes current while it runs (only pods that have such volumes). */
  private refreshVolumes() {
    if (this.volumeTimer || !(this.pod.spec?.volumes ?? []).some(isObjectVolume)) return;
    let busy = false;
    this.volumeTimer = setInterval(() => {
      if (busy || this.stopped) return;
      busy = true;
      refreshObjectVolumes(this.pod, this.paths, this.env.objects, this.ip)
        .then((n) => n && this.env.log.level("debug")("volumes updated", { pod: `${this.namespace}/${this.name}`, files: n }))
        .catch((e: Error) => this.env.log.level("warn")("volume refresh failed", { pod: `${this.namespace}/${this.name}`, error: e.message }))
        .finally(() => (busy = false));
    }, this.env.volumeRefreshMs ?? 60_000);
    this.volumeTimer.unref?.();
  }

  private stopRefreshingVolumes() {
    clearInterval(this.volumeTimer);
    this.volumeTimer = undefined;
  }

  private async setUp(): Promise<void> {
    mkdirSync(this.paths.dir, { recursive: true });
    this.save();
    await createSandbox(this.paths, podHostnameOf(this.pod, this.env.dns));
    const { ip } = await this.env.network.setup(this.uid, this.paths.ns("net"), { podName: this.name, namespace: this.namespace });
    this.ip = ip;
    this.save();
    writePodFiles(this.paths, this.pod, ip, this.env.dns);
    await this.mountMemoryVolumes();
    this.refreshVolumes();
    if (this.init.length) await this.init[0]!.start();
    else await this.startContainers();
  }

  /**
   * Adopted: watch what runs, resume back-offs, and start what the earlier agent would have
   * started next (the next init container, or the containers once every init container is done).
   * A stopped pod stays stopped.
   */
  adopt(): void {
    if (this.stopped) return;
    resumeTokenRefresh(this.pod, this.paths, this.env.objects);
    this.refreshVolumes();
    for (const c of [...this.init, ...this.containers]) c.adopt();
    const next = this.init.findIndex((c) => !c.succeeded && !(c.spec.restartPolicy === "Always" && c.status.current.state !== "waiting"));
    if (next >= 0) {
      if (this.init[next]!.pending && this.init.slice(0, next).every((c) => c.succeeded || c.spec.restartPolicy === "Always")) void this.init[next]!.start();
      return;
    }
    for (const c of this.containers) if (c.pending) void c.start();
  }

  private async initDone(i: number) {
    const next = this.init[i + 1];
    if (this.stopped) return;
    if (next) await next.start();
    else await this.startContainers();
  }

  private async startContainers() {
    if (this.stopped) return;
    await Promise.all(this.containers.map((c) => c.start()));
  }

  private async mountMemoryVolumes() {
    for (const v of this.pod.spec?.volumes ?? []) {
      if (v.emptyDir?.medium !== "Memory") continue;
      const dir = this.paths.volume(v.name);
      mkdirSync(dir, { recursive: true });
      if (mountsUnder(dir).length) continue;
      const size = v.emptyDir.sizeLimit ? [`-o`, `size=${v.emptyDir.sizeLimit.replace(/i$/, "")}`] : [];
      const p = Bun.spawn(["mount", "-t", "tmpfs", ...size, "tmpfs", dir], { stderr: "pipe" });
      if ((await p.exited) !== 0) throw new Error(`emptyDir ${v.name}: mount tmpfs: ${await new Response(p.stderr).text()}`);
    }
  }

  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    this.stopRefreshingVolumes();
    if (existsSync(this.paths.podFile)) this.save();
    await Promise.all([...this.init, ...this.containers].map((c) => c.stop(graceMs)));
  }

  /** Everything the pod held: runc containers, rootfs mounts, cgroups, network, namespaces, its dir. */
  async remove(): Promise<void> {
    this.stopRefreshingVolumes();
    await this.beginning?.catch(() => {});
    for (const c of [...this.init, ...this.containers]) await c.remove();
    await unmountAll(this.paths.dir);
    removeCgroup(podCgroup(this.env.cgroupParent, this.uid));
    await this.env.network.teardown(this.uid);
    await removeSandbox(this.paths);
    if (!mountsUnder(this.paths.dir).length) rmSync(this.paths.dir, { recursive: true, force: true });
  }

  close(): void {
    this.stopRefreshingVolumes();
    for (const c of [...this.init, ...this.containers]) c.close();
  }

  status(): RuntimePodStatus {
    return structuredClone({
      uid: this.uid,
      namespace: this.namespace,
      name: this.name,
      createdAt: this.createdAt,
      ...(this.ip ? { ip: this.ip } : {}),
      initContainers: this.init.map((c) => c.status),
      containers: this.containers.map((c) => c.status),
    });
  }

  get exists(): boolean {
    return existsSync(this.paths.podFile);
  }

  private save() {
    const saved: SavedPod = { pod: this.pod, createdAt: this.createdAt, ...(this.ip ? { ip: this.ip } : {}), ...(this.stopped ? { stopped: true } : {}) };
    writeFileSync(this.paths.podFile, JSON.stringify(saved));
  }
}
