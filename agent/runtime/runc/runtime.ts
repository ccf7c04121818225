// The runc-backed PodRuntime. Pods live in <data-dir>/agent/pods/<uid>/ (paths.ts), containers in
// runc's state dir <data-dir>/agent/runc (or `runcRoot`), cgroups under `cgroupParent`: two
// agents with their own data dirs and cgroup parents never touch each other's.
//
//   const runtime = await RuncRuntime.open({ dataDir, images, network, dns: { nameservers: ["10.43.0.10"], clusterDomain: "cluster.local" } });
//
// open() adopts the pods an earlier agent left (running containers are watched, not restarted)
// and removes runc containers no pod owns.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Pod } from "kubernetes-types/core/v1";
import { createLogger, type Logger } from "../../../shared/log.ts";
import type { ContainerEventReport, DeletePodOptions, PodRuntime, RuntimeEvent, RuntimePodRef, RuntimePodStatus } from "../types.ts";
import type { ObjectGetter } from "./env-refs.ts";
import type { ImageResolver } from "./images.ts";
import { LogRotator, type ContainerLogState, type LogRotationOptions } from "./log-rotation.ts";
import { logRunsOf, readLogs, runOfContainerID, type ReadLogOptions } from "./logs.ts";
import { LoopbackNetwork, type PodNetwork } from "./network.ts";
import type { DnsConfig } from "./pod-files.ts";
import { RuncPod, type PodEnv } from "./pod.ts";
import type { RuncContainer } from "./container.ts";
import { Runc } from "./runc.ts";
import { execInContainer, type ExecOptions, type ExecProcess } from "./exec.ts";

export interface RuncRuntimeOptions {
  dataDir: string;
  images: ImageResolver;
  /** Default: loopback only. */
  network?: PodNetwork;
  dns?: Partial<DnsConfig>;
  /** runc's --root (default <dataDir>/agent/runc). */
  runcRoot?: string;
  runcBinary?: string;
  /** The cgroup every pod's cgroup goes under (default "/kubun"). */
  cgroupParent?: string;
  /** CrashLoopBackOff: first delay and cap (default 10 s doubling to 5 min). */
  backoff?: { initialMs?: number; maxMs?: number };
  /** ConfigMaps and Secrets for envFrom and configMapKeyRef/secretKeyRef (the agent: GETs with its client). */
  objects?: ObjectGetter;
  /** How often running pods' configMap/secret/downwardAPI/projected volumes are refreshed (default 60 s). */
  volumeRefreshMs?: number;
  /** Container log rotation (default 10 MiB, 5 files per run, checked every 10 s). */
  containerLog?: LogRotationOptions;
  /** How often an adopted container's exit file is checked (default 1 s). */
  adoptPollMs?: number;
  log?: Logger;
}

export class RuncRuntime implements PodRuntime {
  readonly name = "runc";
  private readonly pods = new Map<string, RuncPod>();
  private readonly stopping = new Map<string, Promise<void>>();
  private readonly deleting = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();
  private readonly env: PodEnv;
  readonly runc: Runc;
  readonly podsDir: string;
  private closed = false;
  private readonly rotator: LogRotator;

  private constructor(readonly version: string, runc: Runc, private readonly opts: RuncRuntimeOptions) {
    this.runc = runc;
    this.podsDir = join(opts.dataDir, "agent", "pods");
    const initial = opts.backoff?.initialMs ?? 10_000;
    const max = opts.backoff?.maxMs ?? 300_000;
    this.env = {
      runc,
      images: opts.images,
      network: opts.network ?? new LoopbackNetwork(),
      dns: { nameservers: opts.dns?.nameservers ?? [], clusterDomain: opts.dns?.clusterDomain ?? "cluster.local" },
      podsDir: this.podsDir,
      cgroupParent: opts.cgroupParent ?? "/kubun",
      idPrefix: "kubun",
      objects: opts.objects,
      backoffMs: (n) => Math.min(max, initial * 2 ** n),
      adoptPollMs: opts.adoptPollMs ?? 1000,
      volumeRefreshMs: opts.volumeRefreshMs,
      changed: () => {},
      log: opts.log ?? createLogger("info", { component: "runc" }),
    };
    this.rotator = new LogRotator(opts.containerLog ?? {}, () => this.logStates(), this.env.log);
  }

  /** Every container's log, for rotation: the run writing now, the oldest run kept. */
  private *logStates(): Iterable<ContainerLogState> {
    for (const p of this.pods.values()) {
      for (const c of [...p.init, ...p.containers]) {
        const { current, previous } = logRunsOf(c.status);
        yield { dir: p.paths.logDir(c.spec.name), writing: c.running ? current?.run : undefined, keepFrom: previous?.run ?? current?.run };
      }
    }
  }

  static async open(opts: RuncRuntimeOptions): Promise<RuncRuntime> {
    const runc = new Runc(opts.runcRoot ?? join(opts.dataDir, "agent", "runc"), opts.runcBinary);
    mkdirSync(runc.root, { recursive: true });
    const rt = new RuncRuntime(await runc.version(), runc, opts);
    mkdirSync(rt.podsDir, { recursive: true });
    await rt.adopt();
    return rt;
  }

  private podEnv(ref: RuntimeEvent): PodEnv {
    return { ...this.env, changed: () => this.emit(ref), report: (event) => this.emit(ref, event) };
  }

  private async adopt(): Promise<void> {
    for (const uid of readdirSync(this.podsDir)) {
      const dir = join(this.podsDir, uid);
      const ref = { uid, namespace: "", name: "" };
      const pod = RuncPod.load(this.podEnv(ref), dir);
      if (!pod) {
        await new RuncPod({ metadata: { uid } }, this.env).remove().catch(() => rmSync(dir, { recursive: true, force: true }));
        continue;
      }
      Object.assign(ref, { namespace: pod.namespace, name: pod.name });
      this.pods.set(pod.uid, pod);
      pod.adopt();
    }
    const owned = new Set([...this.pods.values()].flatMap((p) => [...p.init, ...p.containers].map((c) => c.runcId)));
    for (const s of await this.runc.list()) if (!owned.has(s.id)) await this.runc.delete(s.id);
  }

  async createPod(pod: Pod): Promise<void> {
    const uid = pod.metadata?.uid;
    if (!uid) throw new Error(`runc runtime: pod ${pod.metadata?.namespace}/${pod.metadata?.name} has no metadata.uid`);
    if (this.closed) throw new Error("runc runtime: closed");
    if (this.pods.has(uid)) return;
    const ref = { uid, namespace: pod.metadata?.namespace ?? "", name: pod.metadata?.name ?? "" };
    const p = new RuncPod(pod, this.podEnv(ref));
    this.pods.set(uid, p);
    this.emit(ref);
    p.begin().catch((e: Error) => {
      this.env.log.level("warn")("pod sandbox not created", { pod: `${ref.namespace}/${ref.name}`, error: e.message });
      for (const c of p.containers) if (c.status.current.state === "waiting") c.status.current = { state: "waiting", reason: "CreatePodSandboxError", message: e.message };
      this.emit(ref);
    });
  }

  stopPod(uid: string, opts: DeletePodOptions = {}): Promise<void> {
    const pending = this.stopping.get(uid);
    if (pending) return pending;
    const p = this.pods.get(uid);
    if (!p) return Promise.resolve();
    const grace = opts.gracePeriodSeconds ?? p.pod.spec?.terminationGracePeriodSeconds ?? 30;
    const done = p.stop(grace * 1000).finally(() => this.stopping.delete(uid));
    this.stopping.set(uid, done);
    return done;
  }

  deletePod(uid: string, opts: DeletePodOptions = {}): Promise<void> {
    const pending = this.deleting.get(uid);
    if (pending) return pending;
    const p = this.pods.get(uid);
    if (!p) return Promise.resolve();
    const done = (async () => {
      await this.stopPod(uid, opts);
      await p.remove();
      this.pods.delete(uid);
      this.emit(p);
    })().finally(() => this.deleting.delete(uid));
    this.deleting.set(uid, done);
    return done;
  }

  async podStatus(uid: string): Promise<RuntimePodStatus | undefined> {
    if (this.deleting.has(uid) && !this.pods.has(uid)) return undefined;
    return this.pods.get(uid)?.status();
  }

  async listPods(): Promise<RuntimePodRef[]> {
    return [...this.pods.values()].map(({ uid, namespace, name }) => ({ uid, namespace, name }));
  }

  onEvent(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop watching; containers keep running for the next agent to adopt. */
  async close(): Promise<void> {
    this.closed = true;
    this.rotator.close();
    for (const p of this.pods.values()) p.close();
    this.listeners.clear();
  }

  /** The container's log (logs.ts). */
  logs(uid: string, container: string, opts: ReadLogOptions = {}): AsyncGenerator<Uint8Array> {
    const p = this.pods.get(uid);
    if (!p) throw new Error(`pod ${uid} not found on this node`);
    const c = [...p.init, ...p.containers].find((x) => x.spec.name === container);
    if (!c) throw new Error(`container ${container} is not valid for pod ${p.name}`);
    const { current, previous } = logRunsOf(c.status);
    const run = opts.previous ? previous : current;
    if (opts.previous && !run) throw new Error(`previous terminated container "${container}" in pod "${p.name}" not found`);
    if (!run) return readLogs(p.paths.logDir(container), { ...opts, run: -1, follow: false });
    const running = () => c.running && runOfContainerID(c.status.containerID) === run.run;
    return readLogs(p.paths.logDir(container), { running, ...opts, run: run.run, startedAt: run.startedAt });
  }

  /** Run a command in a running container (`runc exec`). */
  exec(uid: string, container: string, cmd: string[], opts: ExecOptions = {}): ExecProcess {
    const p = this.pods.get(uid);
    const c = p && [...p.init, ...p.containers].find((x) => x.spec.name === container);
    if (!c?.running || !c.runcId) throw new Error(`container ${container} is not running`);
    return execInContainer(this.runc, c.runcId, cmd, opts);
  }

  /** Kill a running container's run so its restart policy restarts it (failed liveness probe). */
  async restartContainer(uid: string, container: string, graceSeconds: number): Promise<void> {
    await this.container(uid, container)?.kill(graceSeconds * 1000);
  }

  /** A running container (streams: attach). */
  container(uid: string, container: string): RuncContainer | undefined {
    const p = this.pods.get(uid);
    return p && [...p.init, ...p.containers].find((x) => x.spec.name === container);
  }

  /** The container's log dir. */
  logDir(uid: string, container: string): string | undefined {
    return this.pods.get(uid)?.paths.logDir(container);
  }

  /** The runc id of a running container, for streams. */
  runningContainer(uid: string, container: string): string | undefined {
    const p = this.pods.get(uid);
    const c = p && [...p.init, ...p.containers].find((x) => x.spec.name === container);
    return c?.running ? c.runcId : undefined;
  }

  /** The pod's network namespace file, while the runtime holds the pod. */
  netnsPath(uid: string): string | undefined {
    return this.pods.get(uid)?.paths.ns("net");
  }

  private emit(ref: RuntimeEvent, event?: ContainerEventReport) {
    if (this.closed) return;
    const e: RuntimeEvent = { uid: ref.uid, namespace: ref.namespace, name: ref.name, ...(event ? { event } : {}) };
    for (const l of this.listeners) l(e);
  }
}
