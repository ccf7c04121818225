// One container of a pod as explicit transitions, each a method:
//   waiting(PodInitializing|ContainerCreating) ─start→ running ─exit→ terminated
//   terminated ─(restartPolicy says so)→ waiting(CrashLoopBackOff) ─backoff→ start …
//   any ─stop→ terminated (a container that never ran stays waiting)
// Its state is saved in run.json on every change, so a new agent can adopt it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { Container, LifecycleHandler, Pod } from "kubernetes-types/core/v1";
import type { Logger } from "../../../shared/log.ts";
import { ImagePuller } from "../../images/index.ts";
import type { ContainerEventReport, RuntimeContainerStatus, TerminatedState } from "../types.ts";
import { containerCgroup, oomKills } from "./cgroups.ts";
import { resolveEnvRefs, type ObjectGetter } from "./env-refs.ts";
import type { ImageResolver } from "./images.ts";
import { writeObjectVolumes } from "./object-volumes.ts";
import { runcId, type ContainerPaths, type PodPaths } from "./paths.ts";
import { mountRootfs, unmountRootfs } from "./rootfs.ts";
import type { Runc } from "./runc.ts";
import { adoptRun, startRun, type RunExit } from "./run.ts";
import { runHook } from "./hooks.ts";
import { containerSpec } from "./spec.ts";
import { ContainerStdin } from "./stdin.ts";
import { ContainerTty } from "./tty.ts";

export interface ContainerEnv {
  runc: Runc;
  images: ImageResolver;
  pod: Pod;
  paths: PodPaths;
  podIP(): string | undefined;
  cgroupParent: string;
  idPrefix: string;
  /** ConfigMaps and Secrets for env (absent: pods using them fail with CreateContainerConfigError). */
  objects?: ObjectGetter;
  backoffMs(restartCount: number): number;
  adoptPollMs: number;
  changed(): void;
  /** Events about a container for the kubelet to record (image pulls). */
  report?(e: ContainerEventReport): void;
  log: Logger;
}

/** Waiting reasons of a failed image pull: a retry keeps them (no ContainerCreating in between), as upstream's status does. */
const PULL_WAITING = new Set(["ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName"]);

export type RestartRule = "Always" | "OnFailure" | "Never";

interface SavedRun {
  status: RuntimeContainerStatus;
  runcId?: string;
}

export class RuncContainer {
  status: RuntimeContainerStatus;
  readonly paths: ContainerPaths;
  /** The runc id of the current (or last) run. */
  runcId: string | undefined;
  private stopped = false;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private exit: Promise<void> | undefined;
  /** A start in progress (pull, mount, run until its pid file exists). */
  private starting: Promise<void> | undefined;
  /** The writer of the run's stdin (spec.stdin), for attach. */
  readonly stdin: ContainerStdin;
  /** The current run's terminal (spec.tty), for attach. */
  tty: ContainerTty | undefined;
  /** The container exited for good (no restart coming); init containers move the pod on. */
  onFinished?: (exitCode: number) => void;
  /** Pull policy, secrets, pull events and the pull back-off. */
  private readonly puller: ImagePuller;

  constructor(readonly spec: Container, private readonly restart: RestartRule, private readonly env: ContainerEnv) {
    this.paths = env.paths.container(spec.name);
    this.stdin = new ContainerStdin(this.paths.dir);
    const objects = env.objects;
    this.puller = new ImagePuller({ images: env.images, backoffMs: env.backoffMs, event: (e) => env.report?.({ container: spec.name, ...e }), secret: objects && ((ns, n) => objects.secret(ns, n)) });
    this.status = { name: spec.name, image: spec.image ?? "", imageID: "", containerID: "", current: { state: "waiting", reason: "PodInitializing" }, restartCount: 0 };
    const saved = this.load();
    if (saved) {
      this.status = saved.status;
      this.runcId = saved.runcId;
    }
  }

  /** Settles when the current run has ended and been handled. */
  get runEnded(): Promise<void> {
    return this.exit ?? Promise.resolve();
  }

  get running(): boolean {
    return this.status.current.state === "running";
  }

  /** Pull the image, mount the rootfs, write config.json and run; a failure waits for the back-off and tries again. */
  start(): Promise<void> {
    if (this.stopped || this.closed) return Promise.resolve();
    this.starting ??= this.create().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async create(): Promise<void> {
    const { spec, env } = this;
    const cur = this.status.current;
    if (!(cur.state === "waiting" && PULL_WAITING.has(cur.reason))) this.set({ state: "waiting", reason: "ContainerCreating" });
    const id = runcId(env.idPrefix, env.paths.uid, spec.name, this.status.restartCount);
    let handle: ReturnType<typeof startRun>;
    try {
      const image = await this.puller.ensure(env.pod, spec);
      this.status.imageID = image.repoDigest;
      if (this.stopped || this.closed) return;
      const envRefs = await resolveEnvRefs(env.pod, spec, env.objects);
      await writeObjectVolumes(env.pod, env.paths, env.objects, env.podIP());
      await env.runc.delete(id);
      if (this.closed) return;
      await mountRootfs(this.paths, image.rootfsLayers);
      // The agent closed while this start was under way: leave it to the next agent (it resumes
      // the start from run.json) rather than start a run nobody watches.
      if (this.closed) return void (await unmountRootfs(this.paths).catch(() => {}));
      const cgroupsPath = containerCgroup(env.cgroupParent, env.paths.uid, spec.name);
      const config = containerSpec({ pod: env.pod, container: spec, image: image.config, paths: env.paths, rootfs: this.paths.rootfs, podIP: env.podIP(), cgroupsPath, envRefs });
      writeFileSync(`${this.paths.bundle}/config.json`, JSON.stringify(config, null, 2));
      this.runcId = id;
      this.status.containerID = `runc://${id}`;
      const logFile = env.paths.log(spec.name, this.status.restartCount);
      if (spec.tty) this.tty = new ContainerTty(logFile);
      const stdin = spec.stdin && !spec.tty ? this.stdin.open() : undefined;
      handle = startRun(env.runc, this.paths, id, logFile, { stdin, terminal: this.tty?.terminal });
    } catch (e) {
      void this.tty?.close();
      this.tty = undefined;
      const reason = (e as { reason?: string }).reason ?? "CreateContainerError";
      this.set({ state: "waiting", reason, message: (e as Error).message });
      env.log.level("warn")("container not created", { pod: env.paths.uid, container: spec.name, error: (e as Error).message });
      return this.retryLater((e as { retryInMs?: number }).retryInMs);
    }
    const startedAt = Date.now();
    let ended = false;
    this.exit = handle.exited.then((code) => {
      ended = true;
      return this.exited(code, startedAt);
    });
    try {
      await handle.started;
      if (!ended && this.status.current.state === "waiting") this.set({ state: "running", startedAt });
    } catch {
      return; // exited() reports it
    }
    // Not awaited: a stop while the hook runs must not wait for it.
    const hook = spec.lifecycle?.postStart;
    if (hook && !ended) void this.postStart(hook, id);
  }

  /** A failed postStart hook kills the run (upstream: FailedPostStartHook); the restart policy decides what follows. */
  private async postStart(hook: LifecycleHandler, id: string): Promise<void> {
    const grace = (this.env.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const failure = await Promise.race([runHook(hook, this.hookTarget(id), grace), this.exit!.then(() => undefined)]);
    if (failure === undefined || !this.running || this.runcId !== id) return;
    this.env.log.level("warn")("postStart hook failed", { pod: this.env.paths.uid, container: this.spec.name, error: failure });
    this.env.report?.({ container: this.spec.name, type: "Warning", reason: "FailedPostStartHook", message: "PostStartHook failed" });
    await this.kill(grace);
  }

  /**
   * Take over from an earlier agent: watch a run it started (or handle its exit if it ended
   * meanwhile), resume a back-off or a start it had begun.
   */
  adopt(): void {
    const cur = this.status.current;
    if (cur.state === "waiting" && cur.reason === "CrashLoopBackOff") {
      return this.schedule(this.env.backoffMs(this.status.restartCount), () => {
        this.status.restartCount++;
        return this.start();
      });
    }
    if (cur.state === "waiting" && cur.reason !== "PodInitializing") return void this.start();
    if (cur.state !== "running" || !this.runcId) return;
    const startedAt = cur.startedAt;
    this.exit = adoptRun(this.env.runc, this.runcId, this.paths, this.env.adoptPollMs, () => this.closed).then((code) => (code === undefined ? undefined : this.exited(code, startedAt)));
  }

  /** Whether this (init) container exited 0 and is done. */
  get succeeded(): boolean {
    const cur = this.status.current;
    return cur.state === "terminated" && cur.exitCode === 0;
  }

  /** Not started yet: still waiting for the init containers before it. */
  get pending(): boolean {
    const cur = this.status.current;
    return cur.state === "waiting" && cur.reason === "PodInitializing";
  }

  private async exited(exit: RunExit, startedAt: number): Promise<void> {
    if (this.closed) return;
    const { env, spec } = this;
    const oom = exit === 137 && oomKills(containerCgroup(env.cgroupParent, env.paths.uid, spec.name)) > 0;
    const neverRan = !existsSync(this.paths.pidFile);
    this.stdin.close();
    await this.tty?.close();
    this.tty = undefined;
    if (this.runcId) await env.runc.delete(this.runcId).catch(() => {});
    await unmountRootfs(this.paths).catch(() => {});
    const finished = { startedAt: neverRan ? 0 : startedAt, finishedAt: Date.now(), containerID: this.status.containerID };
    // An exit the agent could not collect (the container outlived an earlier agent process) is
    // reported as upstream's kubelet reports a running container whose status is lost.
    const t: TerminatedState = exit === "unknown"
      ? { exitCode: 137, reason: "ContainerStatusUnknown", message: "The container could not be located when the pod was terminated", ...finished }
      : {
          exitCode: neverRan && exit !== 0 ? 128 : exit,
          reason: oom ? "OOMKilled" : neverRan ? "StartError" : exit === 0 ? "Completed" : "Error",
          ...(exit > 128 && exit < 160 ? { signal: exit - 128 } : {}),
          ...(neverRan ? { message: this.lastLogLine() } : {}),
          ...finished,
        };
    const exitCode = t.exitCode;
    const again = !this.stopped && (this.restart === "Always" || (this.restart === "OnFailure" && exitCode !== 0));
    if (!again) {
      this.set({ state: "terminated", ...t });
      this.onFinished?.(exitCode);
      return;
    }
    this.status.last = t;
    const delay = env.backoffMs(this.status.restartCount);
    const ref = `${env.pod.metadata?.name}_${env.pod.metadata?.namespace}(${env.paths.uid})`;
    this.set({ state: "waiting", reason: "CrashLoopBackOff", message: `back-off ${Math.round(delay / 1000)}s restarting failed container=${spec.name} pod=${ref}` });
    this.schedule(delay, () => {
      this.status.restartCount++;
      return this.start();
    });
  }

  /** Try the start again: when an image pull back-off says, else after the crash-loop back-off. */
  private retryLater(ms?: number) {
    this.schedule(ms ?? this.env.backoffMs(this.status.restartCount), () => this.start());
  }

  private schedule(ms: number, fn: () => Promise<void>) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped && !this.closed) void fn();
    }, ms);
  }

  /** preStop, SIGTERM, then SIGKILL once the grace period is over; resolves once the run ended. Nothing restarts after. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.starting;
    if (!this.runcId || !this.exit) return;
    if (this.running) await this.terminate(graceMs);
    await this.exit;
  }

  /** End the current run (a failed liveness probe): preStop, SIGTERM, SIGKILL after the grace period; the restart policy decides what follows. */
  async kill(graceMs: number): Promise<void> {
    if (!this.runcId || !this.exit || !this.running) return;
    await this.terminate(graceMs);
  }

  /**
   * Upstream's order: the preStop hook, then SIGTERM with what is left of the grace period (at
   * least 2 s, as the kubelet gives, unless the whole period is shorter), then SIGKILL. A hook
   * still running when the grace period ends is abandoned.
   */
  private async terminate(graceMs: number): Promise<void> {
    const id = this.runcId!;
    const exit = this.exit!;
    const deadline = Date.now() + graceMs;
    const hook = this.spec.lifecycle?.preStop;
    if (hook && graceMs > 0) {
      const failure = await Promise.race([runHook(hook, this.hookTarget(id), graceMs), exit.then(() => undefined), Bun.sleep(graceMs).then(() => undefined)]);
      if (failure !== undefined) {
        this.env.log.level("warn")("preStop hook failed", { pod: this.env.paths.uid, container: this.spec.name, error: failure });
        this.env.report?.({ container: this.spec.name, type: "Warning", reason: "FailedPreStopHook", message: "PreStopHook failed" });
      }
    }
    const left = Math.max(deadline - Date.now(), Math.min(graceMs, 2000));
    await this.env.runc.kill(id, "TERM");
    const timedOut = await Promise.race([exit.then(() => false), Bun.sleep(left).then(() => true)]);
    if (timedOut) await this.env.runc.kill(id, "KILL");
  }

  private hookTarget(id: string) {
    return { runc: this.env.runc, id, container: this.spec, podIP: this.env.podIP() ?? "127.0.0.1" };
  }

  /** Stop watching (the agent is closing); the run goes on. */
  close(): void {
    this.closed = true;
    this.stdin.close();
    clearTimeout(this.timer);
  }

  private lastLogLine(): string {
    try {
      const text = readFileSync(this.env.paths.log(this.spec.name, this.status.restartCount), "utf8").trim();
      return text.split("\n").at(-1) ?? "";
    } catch {
      return "";
    }
  }

  private set(state: RuntimeContainerStatus["current"]) {
    this.status.current = state;
    if (this.closed) return;
    this.save();
    this.env.changed();
  }

  private save() {
    mkdirSync(this.paths.dir, { recursive: true });
    const saved: SavedRun = { status: this.status, runcId: this.runcId };
    writeFileSync(`${this.paths.runFile}.tmp`, JSON.stringify(saved));
    renameSync(`${this.paths.runFile}.tmp`, this.paths.runFile);
  }

  private load(): SavedRun | undefined {
    if (!existsSync(this.paths.runFile)) return undefined;
    try {
      return JSON.parse(readFileSync(this.paths.runFile, "utf8")) as SavedRun;
    } catch {
      return undefined;
    }
  }

  /** Remove what the container holds on disk besides its logs. */
  async remove(): Promise<void> {
    if (this.runcId) await this.env.runc.delete(this.runcId).catch(() => {});
    await unmountRootfs(this.paths);
    rmSync(this.paths.dir, { recursive: true, force: true });
  }
}
