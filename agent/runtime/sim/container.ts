// One simulated container as explicit transitions, each a method:
//   waiting(PodInitializing) ─create→ waiting(ContainerCreating) ─start→ running ─exit→ terminated
//   terminated ─(restart rule says so)→ waiting(CrashLoopBackOff) ─restart→ running …
//   any ─stop→ terminated (or left waiting if it never ran)
import type { Clock } from "../../../shared/controller/index.ts";
import type { RuntimeContainerStatus, TerminatedState } from "../types.ts";
import type { ContainerPlan } from "./plan.ts";

export interface ContainerHooks {
  clock: Clock;
  newContainerID(): string;
  changed(): void;
  /** The container runs (after a start or a restart). */
  running?(): void;
  /** The container exited and will not be restarted. */
  finished?(exitCode: number): void;
}

export class SimContainer {
  readonly status: RuntimeContainerStatus;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;

  constructor(
    name: string,
    image: string,
    imageID: string,
    private readonly plan: ContainerPlan,
    private readonly hooks: ContainerHooks,
    private readonly podRef: string,
  ) {
    this.status = { name, image, imageID, containerID: "", current: { state: "waiting", reason: "PodInitializing" }, restartCount: 0 };
  }

  /** Image pull and create: Running after the plan's start delay. */
  create() {
    if (this.stopped) return;
    this.set({ state: "waiting", reason: "ContainerCreating" });
    this.schedule(this.plan.startDelayMs, () => this.start());
  }

  private start() {
    this.status.containerID = this.hooks.newContainerID();
    this.set({ state: "running", startedAt: this.hooks.clock.now() });
    if (this.plan.runMs !== undefined) this.schedule(this.plan.runMs, () => this.exit(this.plan.exitCode));
    this.hooks.running?.();
  }

  private exit(exitCode: number) {
    const cur = this.status.current;
    const startedAt = cur.state === "running" ? cur.startedAt : this.hooks.clock.now();
    const terminated: TerminatedState = {
      exitCode,
      reason: exitCode === 0 ? "Completed" : "Error",
      startedAt,
      finishedAt: this.hooks.clock.now(),
      containerID: this.status.containerID,
    };
    const again = this.plan.restart === "Always" || (this.plan.restart === "OnFailure" && exitCode !== 0);
    if (again) return this.backOff(terminated);
    this.set({ state: "terminated", ...terminated });
    this.hooks.finished?.(exitCode);
  }

  private backOff(terminated: TerminatedState) {
    const delay = this.plan.backoffMs(this.status.restartCount);
    this.status.last = terminated;
    const { name } = this.status;
    this.set({ state: "waiting", reason: "CrashLoopBackOff", message: `back-off ${Math.round(delay / 1000)}s restarting failed container=${name} pod=${this.podRef}` });
    this.schedule(delay, () => this.restart());
  }

  private restart() {
    this.status.restartCount++;
    this.start();
  }

  /** Stop (SIGTERM, then SIGKILL after the grace period): a running container exits 0. */
  stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const cur = this.status.current;
    if (cur.state !== "running") return;
    const now = this.hooks.clock.now();
    this.set({ state: "terminated", exitCode: 0, reason: "Completed", startedAt: cur.startedAt, finishedAt: now, containerID: this.status.containerID });
  }

  private schedule(ms: number, fn: () => void) {
    this.cancelTimer?.();
    this.cancelTimer = this.hooks.clock.after(ms, () => {
      this.cancelTimer = undefined;
      if (!this.stopped) fn();
    });
  }

  private set(state: RuntimeContainerStatus["current"]) {
    this.status.current = state;
    this.hooks.changed();
  }
}
