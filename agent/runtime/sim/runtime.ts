// The simulated runtime (kwok/kubemark style): no processes, only timers. Containers "start"
// after a jittered delay and run until stopped, or exit after a while for run-to-completion
// pods; every change is reported as a RuntimeEvent. Time and randomness are injected.
import type { Pod } from "kubernetes-types/core/v1";
import { realClock, type Clock } from "../../../shared/controller/index.ts";
import type { PodIpam } from "../../network/ipam.ts";
import type { DeletePodOptions, PodRuntime, RuntimeEvent, RuntimePodRef, RuntimePodStatus } from "../types.ts";
import { DEFAULT_TIMING, planPod, type SimTiming } from "./plan.ts";
import { SimPod } from "./pod.ts";

export const SIM_RUNTIME_VERSION = "0.1";

export interface SimRuntimeOptions extends Partial<SimTiming> {
  clock?: Clock;
  /** In [0, 1), for the start-delay jitter (default Math.random). */
  random?: () => number;
  /** Gives pods their IPs; without one pods have none. */
  ipam?: PodIpam;
  /** How long stopping a pod takes (default 0). */
  stopDelayMs?: number;
}

export class SimRuntime implements PodRuntime {
  readonly name = "sim";
  readonly version = SIM_RUNTIME_VERSION;
  private readonly pods = new Map<string, SimPod>();
  private readonly stopping = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(e: RuntimeEvent) => void>();
  private readonly timing: SimTiming;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly imageIDs = new Map<string, string>();
  private closed = false;

  constructor(private readonly opts: SimRuntimeOptions = {}) {
    const { clock, random, ipam: _ipam, stopDelayMs: _stop, ...timing } = opts;
    this.timing = { ...DEFAULT_TIMING, ...Object.fromEntries(Object.entries(timing).filter(([, v]) => v !== undefined)) };
    this.clock = clock ?? realClock;
    this.random = random ?? Math.random;
  }

  async createPod(pod: Pod): Promise<void> {
    const uid = pod.metadata?.uid;
    if (!uid) throw new Error(`sim runtime: pod ${pod.metadata?.namespace}/${pod.metadata?.name} has no metadata.uid`);
    if (this.closed) throw new Error("sim runtime: closed");
    if (this.pods.has(uid)) return;
    const ref = { uid, namespace: pod.metadata?.namespace ?? "", name: pod.metadata?.name ?? "" };
    const sim = new SimPod(pod, planPod(pod, this.timing, this.random), {
      clock: this.clock,
      ip: this.opts.ipam?.allocate(uid),
      newContainerID: () => `${this.name}://${randomHex()}`,
      imageID: (image) => this.imageID(image),
      changed: () => this.emit(ref),
    });
    this.pods.set(uid, sim);
    sim.begin();
    this.emit(ref);
  }

  stopPod(uid: string, _opts: DeletePodOptions = {}): Promise<void> {
    const pending = this.stopping.get(uid);
    if (pending) return pending;
    const sim = this.pods.get(uid);
    if (!sim || sim.stopped) return Promise.resolve();
    const done = new Promise<void>((resolve) => {
      const finish = () => {
        sim.stop();
        this.stopping.delete(uid);
        resolve();
      };
      const delay = this.opts.stopDelayMs ?? 0;
      if (delay > 0) this.clock.after(delay, finish);
      else finish();
    });
    this.stopping.set(uid, done);
    return done;
  }

  async deletePod(uid: string, opts: DeletePodOptions = {}): Promise<void> {
    await this.stopPod(uid, opts);
    const sim = this.pods.get(uid);
    if (!sim) return;
    this.pods.delete(uid);
    this.opts.ipam?.release(uid);
    this.emit(sim);
  }

  async podStatus(uid: string): Promise<RuntimePodStatus | undefined> {
    return this.pods.get(uid)?.status();
  }

  async listPods(): Promise<RuntimePodRef[]> {
    return [...this.pods.values()].map(({ uid, namespace, name }) => ({ uid, namespace, name }));
  }

  onEvent(listener: (e: RuntimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Simulated containers cannot outlive the process: closing stops them all. */
  async close(): Promise<void> {
    this.closed = true;
    for (const sim of this.pods.values()) sim.stop();
    this.pods.clear();
    this.listeners.clear();
  }

  /** A stable fake digest per image: "docker.io/library/nginx@sha256:…". */
  private imageID(image: string): string {
    let id = this.imageIDs.get(image);
    if (!id) {
      const digest = new Bun.CryptoHasher("sha256").update(image).digest("hex");
      id = image.includes("@") ? image : `${repositoryOf(image)}@sha256:${digest}`;
      this.imageIDs.set(image, id);
    }
    return id;
  }

  private emit(ref: RuntimeEvent) {
    const e = { uid: ref.uid, namespace: ref.namespace, name: ref.name };
    for (const l of this.listeners) l(e);
  }
}

/** "nginx:1.14.2" → "docker.io/library/nginx"; "reg:5000/a/b:t" → "reg:5000/a/b". */
export function repositoryOf(image: string): string {
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  const repo = colon > slash ? image.slice(0, colon) : image;
  const first = repo.split("/")[0]!;
  const hasRegistry = repo.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry) return repo;
  return repo.includes("/") ? `docker.io/${repo}` : `docker.io/library/${repo}`;
}

function randomHex(): string {
  return (crypto.randomUUID() + crypto.randomUUID()).replaceAll("-", "");
}
