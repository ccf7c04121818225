// A probe worker per container and probe kind (upstream's prober worker): waits
// initialDelaySeconds, then probes every periodSeconds and turns attempts into a result once
// successThreshold successes or failureThreshold failures are seen in a row. The clock is
// injected; stop() cancels the next attempt.
import type { Probe } from "kubernetes-types/core/v1";
import type { Clock } from "../../../shared/controller/index.ts";
import type { ProbeResult } from "./probers.ts";

export type ProbeKind = "readiness" | "liveness" | "startup";

export interface ProbeWorkerOptions {
  kind: ProbeKind;
  probe: Probe;
  clock: Clock;
  attempt(): Promise<ProbeResult>;
  /** Skip attempts while this is false (readiness/liveness wait for startup). */
  enabled?(): boolean;
  /** Called when the result flips (and once for the first result). */
  onResult(ok: boolean): void;
  /** Called for every failed attempt, with the prober's output. */
  onFailure?(output: string): void;
}

export class ProbeWorker {
  /** undefined until the first result; readiness starts false, liveness and startup true-ish. */
  result: boolean | undefined;
  private successes = 0;
  private failures = 0;
  private cancel?: () => void;
  private stopped = false;

  constructor(private readonly o: ProbeWorkerOptions) {}

  start(): this {
    this.schedule((this.o.probe.initialDelaySeconds ?? 0) * 1000);
    return this;
  }

  stop() {
    this.stopped = true;
    this.cancel?.();
  }

  /** Forget counts and result (the container restarted). */
  reset() {
    this.successes = 0;
    this.failures = 0;
    this.result = undefined;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.cancel = this.o.clock.after(ms, () => void this.tick());
  }

  private async tick() {
    const period = (this.o.probe.periodSeconds ?? 10) * 1000;
    if (this.stopped) return;
    if (this.o.enabled && !this.o.enabled()) return this.schedule(period);
    const r = await this.o.attempt();
    if (this.stopped) return;
    if (r.ok) {
      this.failures = 0;
      this.successes++;
      const need = this.o.kind === "readiness" ? (this.o.probe.successThreshold ?? 1) : 1;
      if (this.successes >= need) this.set(true);
    } else {
      this.successes = 0;
      this.failures++;
      this.o.onFailure?.(r.output);
      if (this.failures >= (this.o.probe.failureThreshold ?? 3)) {
        this.set(false);
        if (this.o.kind === "liveness") this.failures = 0;
      }
    }
    // a startup probe stops once it succeeded
    if (this.o.kind === "startup" && this.result) return;
    this.schedule(period);
  }

  private set(ok: boolean) {
    const changed = this.result !== ok;
    this.result = ok;
    if (changed || (!ok && this.o.kind === "liveness")) this.o.onResult(ok);
  }
}
