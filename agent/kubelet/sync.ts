// One pod's level-triggered sync: compare the pod in the API with what the runtime holds and
// make them agree. It reads current state only, never the event that woke it:
//   pod gone                → stop and forget it in the runtime
//   pod terminating         → stop it, report it stopped, then finish the graceful delete
//                             (grace 0, uid precondition: the API removes it only now)
//   pod not in the runtime  → create it (unless it already finished)
//   always                  → write the status if it changed
import type { Logger } from "../../shared/log.ts";
import { isConflict, isNotFound, type Client } from "../../shared/client/index.ts";
import type { ReconcileResult } from "../../shared/controller/index.ts";
import type { Clock } from "../../shared/controller/index.ts";
import { PODS } from "../resources.ts";
import type { PodRuntime, RuntimePodStatus } from "../runtime/types.ts";
import type { PodObject, PodSource } from "./source.ts";
import { computePodStatus, isTerminalPhase } from "./status/index.ts";
import type { StatusWriter } from "./status-writer.ts";
import type { ProbeManager } from "./probes/manager.ts";
import { containerEvents, type KubeletEvent } from "./events.ts";

export interface PodSyncDeps {
  client: Client;
  runtime: PodRuntime;
  pods: PodSource;
  writer: StatusWriter;
  clock: Clock;
  hostIP(): string;
  log: Logger;
  /** Readiness, liveness and startup probes; their results are laid over the runtime's status. */
  probes?: ProbeManager;
  /** Record a container event about the pod (Created, Started, BackOff, Failed). */
  event?(pod: PodObject, e: KubeletEvent): void;
}

export class PodSyncer {
  /** The runtime's pods by API key; several uids when a pod was replaced by one of the same name. */
  private readonly uids = new Map<string, Set<string>>();
  /** The runtime's last view of each pod (by uid), to tell what changed since. */
  private readonly seen = new Map<string, RuntimePodStatus>();
  private readonly since: number;

  constructor(private readonly d: PodSyncDeps) {
    this.since = d.clock.now();
  }

  /** Record a pod the runtime already holds (at start). */
  track(key: string, uid: string) {
    let set = this.uids.get(key);
    if (!set) this.uids.set(key, (set = new Set()));
    set.add(uid);
  }

  private async stop(key: string, uid: string, gracePeriodSeconds?: number) {
    this.d.probes?.forget(uid);
    this.seen.delete(uid);
    await this.d.runtime.deletePod(uid, { gracePeriodSeconds });
    const set = this.uids.get(key);
    set?.delete(uid);
    if (set && !set.size) this.uids.delete(key);
  }

  /** Stop the containers, report them stopped ("0/1 Terminating"), forget the pod, finish the delete. */
  private async terminate(key: string, pod: PodObject) {
    const { uid, namespace, name } = pod.metadata;
    await this.d.runtime.stopPod(uid, { gracePeriodSeconds: pod.metadata.deletionGracePeriodSeconds ?? undefined });
    const rt = await this.d.runtime.podStatus(uid);
    if (rt && !isTerminalPhase(pod.status?.phase)) {
      await this.d.writer.write(key, pod, computePodStatus(pod, rt, { now: this.d.clock.now(), hostIP: this.d.hostIP() })); // a conflict does not hold up the delete
    }
    await this.stop(key, uid);
    try {
      await this.d.client.delete(PODS, name, { namespace, gracePeriodSeconds: 0, preconditions: { uid } });
      this.d.log.level("debug")("pod deleted", { pod: key });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  async sync(key: string): Promise<ReconcileResult | void> {
    const pod = this.d.writer.latest(key, this.d.pods.get(key));
    const known = [...(this.uids.get(key) ?? [])];
    if (!pod) {
      for (const uid of known) await this.stop(key, uid);
      this.d.writer.forget(key);
      return;
    }
    const { uid, namespace, name } = pod.metadata;
    for (const old of known) if (old !== uid) await this.stop(key, old);

    if (pod.metadata.deletionTimestamp) return this.terminate(key, pod);

    let rt = await this.d.runtime.podStatus(uid);
    if (!rt && !isTerminalPhase(pod.status?.phase)) {
      await this.d.runtime.createPod(pod);
      this.track(key, uid);
      rt = await this.d.runtime.podStatus(uid);
    }
    if (!rt && isTerminalPhase(pod.status?.phase)) return; // it finished before: its status stays
    if (rt && this.d.event) {
      for (const e of containerEvents(pod, this.seen.get(uid), rt, this.since)) this.d.event(pod, e);
      this.seen.set(uid, rt);
    }
    if (this.d.probes) rt = this.d.probes.sync(pod, rt);
    const status = computePodStatus(pod, rt, { now: this.d.clock.now(), hostIP: this.d.hostIP() });
    const result = await this.d.writer.write(key, pod, status);
    if (result === "conflict") return { requeueAfterMs: 0 };
  }
}
