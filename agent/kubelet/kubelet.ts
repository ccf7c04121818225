// The kubelet's pod side for one node: pods bound to the node (an informer) and runtime events
// feed one work queue of pod keys; workers run PodSyncer.sync(key). On start, once the pods are
// listed, runtime pods that no pod owns are removed.
import type { Client } from "../../shared/client/index.ts";
import { Controller, EventRecorder, keyOf, realClock, type Clock } from "../../shared/controller/index.ts";
import { createLogger, type Logger } from "../../shared/log.ts";
import type { PodRuntime, RuntimeEvent } from "../runtime/types.ts";
import { containerFieldPath } from "./events.ts";
import { nodePodInformer, type PodObject, type PodSource } from "./source.ts";
import { StatusWriter } from "./status-writer.ts";
import { PodSyncer } from "./sync.ts";
import { ProbeManager } from "./probes/manager.ts";
import { runtimeProbeIO } from "./probes/io.ts";

export interface KubeletOptions {
  client: Client;
  nodeName: string;
  runtime: PodRuntime;
  /** The node's InternalIP (pods' hostIP). */
  hostIP: string | (() => string);
  /** Default: an informer over `spec.nodeName=<nodeName>`. */
  pods?: PodSource;
  clock?: Clock;
  log?: Logger;
  /** Pods synced at once (default 4). */
  workers?: number;
  /** Events about pods (default: a recorder as component "kubelet"). */
  events?: EventRecorder;
  /** The clock of probe workers (default: the real clock, whatever `clock` is). */
  probeClock?: Clock;
}

export class Kubelet {
  readonly writer: StatusWriter;
  private readonly pods: PodSource;
  private readonly syncer: PodSyncer;
  private readonly controller: Controller<string>;
  private readonly log: Logger;
  readonly events: EventRecorder;
  private readonly probes: ProbeManager;
  private unsubscribe: (() => void)[] = [];

  constructor(private readonly opts: KubeletOptions) {
    const clock = opts.clock ?? realClock;
    this.log = (opts.log ?? createLogger("error", {}, () => true)).with({ node: opts.nodeName });
    this.pods = opts.pods ?? nodePodInformer(opts.client, opts.nodeName, { clock, log: this.log });
    this.writer = new StatusWriter(opts.client);
    const hostIP = typeof opts.hostIP === "function" ? opts.hostIP : () => opts.hostIP as string;
    this.events = opts.events ?? new EventRecorder({ client: opts.client, component: "kubelet", instance: opts.nodeName, clock, log: this.log });
    const runtime = opts.runtime as PodRuntime & { restartContainer?(uid: string, container: string, graceSeconds: number): Promise<void> };
    this.probes = new ProbeManager({
      clock: opts.probeClock ?? realClock,
      io: runtimeProbeIO(opts.runtime),
      changed: (pod) => this.controller.enqueue(`${pod.metadata?.namespace}/${pod.metadata?.name}`),
      restart: runtime.restartContainer ? (uid, c, grace) => runtime.restartContainer!(uid, c, grace) : undefined,
      events: { record: (pod, type, reason, message) => this.events.record({ ...(pod as PodObject), kind: "Pod", apiVersion: "v1" }, type, reason, message) },
    });
    this.syncer = new PodSyncer({ client: opts.client, runtime: opts.runtime, pods: this.pods, writer: this.writer, clock, hostIP, log: this.log, probes: this.probes,
      event: (pod, e) => this.events.record({ ...pod, kind: "Pod", apiVersion: "v1" }, e.type, e.reason, e.message, e.container ? { fieldPath: containerFieldPath(pod, e.container) } : {}),
    });
    this.controller = new Controller<string>({
      name: "kubelet",
      reconcile: (key) => this.syncer.sync(key),
      workers: opts.workers ?? 4,
      queue: { clock },
      log: this.log,
      ready: () => this.adopt(),
    });
  }

  start(): this {
    const enqueue = (p: { metadata?: { namespace?: string; name?: string } }) => this.controller.enqueue(keyOf(p));
    this.unsubscribe.push(this.pods.on({ add: enqueue, update: (_, p) => enqueue(p), delete: enqueue }));
    this.unsubscribe.push(this.opts.runtime.onEvent((e) => {
      if (e.event) this.report(e);
      this.controller.enqueue(`${e.namespace}/${e.name}`);
    }));
    this.controller.start();
    return this;
  }

  /** An event the runtime reports about a container (image pulls), recorded for the pod that uid still names. */
  private report({ uid, namespace, name, event }: RuntimeEvent) {
    const pod = this.pods.get(`${namespace}/${name}`);
    if (!event || pod?.metadata.uid !== uid) return;
    this.events.record({ ...pod, kind: "Pod", apiVersion: "v1" }, event.type, event.reason, event.message, { fieldPath: containerFieldPath(pod, event.container) });
  }

  /**
   * Runtime pods that a listed pod owns are tracked; the others are removed. A failure here is
   * logged, not fatal: pods syncing later still stop what they replace.
   */
  private async adopt() {
    await this.pods.waitForSync();
    const owners = new Set(this.pods.list().map((p) => p.metadata.uid));
    try {
      for (const p of await this.opts.runtime.listPods()) {
        const key = `${p.namespace}/${p.name}`;
        if (owners.has(p.uid)) this.syncer.track(key, p.uid);
        else {
          this.log("removing a pod no API pod owns", { pod: key, uid: p.uid });
          await this.opts.runtime.deletePod(p.uid);
        }
      }
    } catch (e) {
      this.log.level("error")("cleaning up the runtime's pods failed", { error: e instanceof Error ? e.message : String(e) });
    }
  }

  /** Stop syncing (the runtime and its pods are left as they are). */
  async stop() {
    for (const off of this.unsubscribe.splice(0)) off();
    this.probes.stop();
    await this.controller.stop();
    await this.pods.stop();
  }
}
