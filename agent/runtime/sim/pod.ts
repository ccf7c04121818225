// One simulated pod: init containers one after another (a sidecar counts as done once it runs),
// then all regular containers at once. A failed init container under restartPolicy Never ends
// the pod there: its regular containers never start.
import type { Pod } from "kubernetes-types/core/v1";
import type { Clock } from "../../../shared/controller/index.ts";
import type { RuntimePodStatus } from "../types.ts";
import { SimContainer } from "./container.ts";
import type { PodPlan } from "./plan.ts";

export interface SimPodEnv {
  clock: Clock;
  ip: string | undefined;
  newContainerID(): string;
  imageID(image: string): string;
  changed(): void;
}

export class SimPod {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly createdAt: number;
  private readonly init: SimContainer[];
  private readonly containers: SimContainer[];

  constructor(pod: Pod, plan: PodPlan, private readonly env: SimPodEnv) {
    this.uid = pod.metadata?.uid ?? "";
    this.namespace = pod.metadata?.namespace ?? "";
    this.name = pod.metadata?.name ?? "";
    this.createdAt = env.clock.now();
    const ref = `${this.name}_${this.namespace}(${this.uid})`;
    const base = { clock: env.clock, newContainerID: env.newContainerID, changed: env.changed };
    this.init = (pod.spec?.initContainers ?? []).map(
      (c, i) =>
        new SimContainer(c.name, c.image ?? "", env.imageID(c.image ?? ""), plan.init[i]!, {
          ...base,
          running: plan.sidecar[i] ? () => this.initDone(i) : undefined,
          finished: (code) => (code === 0 && !plan.sidecar[i] ? this.initDone(i) : undefined),
        }, ref),
    );
    this.containers = (pod.spec?.containers ?? []).map((c, i) => new SimContainer(c.name, c.image ?? "", env.imageID(c.image ?? ""), plan.containers[i]!, base, ref));
  }

  /** The sandbox exists: start the first init container, or the containers. */
  begin() {
    if (this.init.length) this.init[0]!.create();
    else this.startContainers();
  }

  private initDone(i: number) {
    const next = this.init[i + 1];
    if (next) next.create();
    else this.startContainers();
  }

  private startContainers() {
    for (const c of this.containers) c.create();
  }

  stopped = false;

  stop() {
    this.stopped = true;
    for (const c of [...this.init, ...this.containers]) c.stop();
  }

  status(): RuntimePodStatus {
    return structuredClone({
      uid: this.uid,
      namespace: this.namespace,
      name: this.name,
      createdAt: this.createdAt,
      ip: this.env.ip,
      initContainers: this.init.map((c) => c.status),
      containers: this.containers.map((c) => c.status),
    });
  }
}
