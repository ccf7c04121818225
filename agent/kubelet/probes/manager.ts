// The kubelet's probe manager: one set of workers (startup, readiness, liveness) per running
// container run, started when the runtime reports the run and stopped when it ends. Its view is
// laid over the runtime's status (started, ready) before the pod status is computed; a result
// that flips requeues the pod. A failed liveness probe records Unhealthy/Killing and asks the
// runtime to restart the container.
import type { Container, Pod, Probe } from "kubernetes-types/core/v1";
import type { Clock } from "../../../shared/controller/index.ts";
import type { RuntimeContainerStatus, RuntimePodStatus } from "../../runtime/types.ts";
import type { ProbeIOFactory } from "./io.ts";
import { runProbe } from "./probers.ts";
import { ProbeWorker, type ProbeKind } from "./worker.ts";

export interface ProbeEvents {
  record(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void;
}

export interface ProbeManagerOptions {
  clock: Clock;
  io: ProbeIOFactory;
  /** The pod's status should be recomputed (a result flipped). */
  changed(pod: Pod): void;
  /** Kill the container run so its restart policy restarts it (failed liveness probe). */
  restart?(uid: string, container: string, graceSeconds: number): Promise<void>;
  events?: ProbeEvents;
}

interface Run {
  id: string;
  workers: ProbeWorker[];
  started: boolean;
  ready: boolean;
}

const LABEL: Record<ProbeKind, string> = { readiness: "Readiness", liveness: "Liveness", startup: "Startup" };

const runId = (c: RuntimeContainerStatus) => (c.current.state === "running" ? `${c.containerID}@${c.current.startedAt}` : "");

export class ProbeManager {
  private readonly pods = new Map<string, Map<string, Run>>();

  constructor(private readonly o: ProbeManagerOptions) {}

  /** Start/stop workers to match the runtime's runs; returns the status with probe results laid over. */
  sync(pod: Pod, rt: RuntimePodStatus | undefined): RuntimePodStatus | undefined {
    const uid = pod.metadata?.uid ?? "";
    if (!rt) {
      this.forget(uid);
      return rt;
    }
    let runs = this.pods.get(uid);
    const specs = new Map((pod.spec?.containers ?? []).map((c) => [c.name, c]));
    const containers = rt.containers.map((c) => {
      const spec = specs.get(c.name);
      if (!spec || !(spec.readinessProbe || spec.livenessProbe || spec.startupProbe)) return c;
      const id = runId(c);
      let run = runs?.get(c.name);
      if (run && run.id !== id) {
        for (const w of run.workers) w.stop();
        runs!.delete(c.name);
        run = undefined;
      }
      if (!id) return c;
      if (!run) {
        if (!runs) this.pods.set(uid, (runs = new Map()));
        run = this.startRun(pod, spec, id, rt.ip ?? pod.status?.podIP ?? "127.0.0.1");
        runs.set(c.name, run);
      }
      const started = spec.startupProbe ? run.started : true;
      return { ...c, started, ready: started && (spec.readinessProbe ? run.ready : true) };
    });
    return { ...rt, containers };
  }

  forget(uid: string) {
    for (const run of this.pods.get(uid)?.values() ?? []) for (const w of run.workers) w.stop();
    this.pods.delete(uid);
  }

  stop() {
    for (const uid of [...this.pods.keys()]) this.forget(uid);
  }

  private startRun(pod: Pod, spec: Container, id: string, podIP: string): Run {
    const run: Run = { id, workers: [], started: !spec.startupProbe, ready: false };
    const add = (kind: ProbeKind, probe: Probe | undefined, onResult: (ok: boolean) => void) => {
      if (!probe) return;
      const io = this.o.io(pod, spec.name, kind);
      const target = { podIP, ports: new Map((spec.ports ?? []).filter((p) => p.name).map((p) => [p.name!, p.containerPort])) };
      const worker = new ProbeWorker({
        kind,
        probe,
        clock: this.o.clock,
        enabled: kind === "startup" ? undefined : () => run.started,
        attempt: () => runProbe(probe, target, io),
        onFailure: (output) => this.o.events?.record(pod, "Warning", "Unhealthy", `${LABEL[kind]} probe failed: ${output}`),
        onResult,
      });
      run.workers.push(worker.start());
    };
    add("startup", spec.startupProbe, (ok) => {
      if (ok && !run.started) {
        run.started = true;
        this.o.changed(pod);
      } else if (!ok) this.kill(pod, spec, spec.startupProbe!, "startup");
    });
    add("readiness", spec.readinessProbe, (ok) => {
      run.ready = ok;
      this.o.changed(pod);
    });
    add("liveness", spec.livenessProbe, (ok) => {
      if (!ok) this.kill(pod, spec, spec.livenessProbe!, "liveness");
    });
    return run;
  }

  private kill(pod: Pod, spec: Container, probe: Probe, kind: ProbeKind) {
    const uid = pod.metadata?.uid ?? "";
    const run = this.pods.get(uid)?.get(spec.name);
    if (run) for (const w of run.workers) w.stop();
    this.o.events?.record(pod, "Normal", "Killing", `Container ${spec.name} failed ${kind} probe, will be restarted`);
    const grace = probe.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    void this.o.restart?.(uid, spec.name, grace).catch(() => {});
  }
}
