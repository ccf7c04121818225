// The node's own Node object, level-triggered: create it when missing (registration), add our
// labels and pod CIDR when they are missing, and write its status only when something changed —
// conditions, capacity, addresses, nodeInfo — or when the last report is older than the report
// frequency (upstream's nodeStatusReportFrequency, 5 min). Liveness itself is the Lease's job.
import type { KubeObject } from "../../shared/api/object.ts";
import { isAlreadyExists, isConflict, type Client } from "../../shared/client/index.ts";
import { Controller, realClock, type Clock, type ReconcileResult } from "../../shared/controller/index.ts";
import { createLogger, type Logger } from "../../shared/log.ts";
import { jsonEqual, rfc3339 } from "../kubelet/status/index.ts";
import { NODES } from "../resources.ts";
import { informerSource, newest, type ObjectSource } from "../source.ts";
import { oldestHeartbeat, withHeartbeat, type NodeHealth } from "./conditions.ts";
import { newNode, nodeStatus, withOurMetadata, type NodeConfig, type NodeObject } from "./node-object.ts";

export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;

export interface NodeRegistrationOptions {
  client: Client;
  config: NodeConfig;
  /** Default: an informer over `metadata.name=<node>`. */
  nodes?: ObjectSource<NodeObject>;
  /** Default: always healthy. Call healthChanged() when what it returns changes. */
  health?: () => NodeHealth;
  clock?: Clock;
  log?: Logger;
  reportFrequencyMs?: number;
}

export class NodeRegistration {
  /** Status writes made (for tests and metrics). */
  statusWrites = 0;
  private written: NodeObject | undefined;
  private readonly nodes: ObjectSource<NodeObject>;
  private readonly controller: Controller<string>;
  private readonly clock: Clock;
  private readonly log: Logger;
  private unsubscribe: (() => void) | undefined;
  private registeredWaiters: { resolve(n: NodeObject): void; reject(e: Error): void }[] = [];
  private stopped = false;
  private isRegistered = false;

  constructor(private readonly opts: NodeRegistrationOptions) {
    this.clock = opts.clock ?? realClock;
    this.log = (opts.log ?? createLogger("error", {}, () => true)).with({ node: opts.config.name });
    this.nodes = opts.nodes ?? informerSource<NodeObject>(opts.client, NODES, { fieldSelector: `metadata.name=${opts.config.name}`, clock: this.clock, log: this.log });
    this.controller = new Controller<string>({
      name: "node-status",
      reconcile: () => this.reconcile(),
      queue: { clock: this.clock, baseDelayMs: 200, maxDelayMs: 10_000 },
      log: this.log,
      ready: () => this.nodes.waitForSync(),
    });
  }

  start(): this {
    const name = this.opts.config.name;
    const enqueue = () => this.controller.enqueue(name);
    this.unsubscribe = this.nodes.on({ add: enqueue, update: enqueue, delete: enqueue });
    this.controller.start();
    enqueue();
    return this;
  }

  async stop() {
    this.stopped = true;
    for (const w of this.registeredWaiters.splice(0)) w.reject(new Error(`node ${this.opts.config.name}: stopped before it was registered`));
    this.unsubscribe?.();
    await this.controller.stop();
    await this.nodes.stop();
  }

  /** Ask for a status check now (the health changed). */
  healthChanged() {
    this.controller.enqueue(this.opts.config.name);
  }

  /** The Node as last seen or written. */
  node(): NodeObject | undefined {
    return newest(this.nodes.get(this.opts.config.name), this.written);
  }

  /** Resolves with the Node once it exists and carries our metadata; rejects if stopped first. */
  registered(): Promise<NodeObject> {
    if (this.stopped) return Promise.reject(new Error(`node ${this.opts.config.name}: stopped`));
    if (this.isRegistered) return Promise.resolve(this.node()!);
    return new Promise((resolve, reject) => this.registeredWaiters.push({ resolve, reject }));
  }

  private async reconcile(): Promise<ReconcileResult> {
    const { client, config } = this.opts;
    const health: NodeHealth = this.opts.health?.() ?? { ready: true };
    const now = this.clock.now();
    let node = this.node();
    try {
      if (!this.isRegistered) node = await this.register(node, health, now);
      else if (!node) {
        // As upstream's kubelet: a Node deleted while the agent runs comes back only on restart.
        this.log.level("warn")("the Node was deleted; restart the agent to register it again");
        return {};
      }

      const desired = nodeStatus(config, node.status, health, rfc3339(now));
      const age = now - oldestHeartbeat(node.status?.conditions);
      const frequency = this.opts.reportFrequencyMs ?? NODE_STATUS_REPORT_FREQUENCY_MS;
      if (!jsonEqual(desired, node.status ?? {}) || age >= frequency) {
        const status = { ...desired, conditions: withHeartbeat(desired.conditions ?? [], rfc3339(now)) };
        this.statusWrites++;
        node = this.written = await client.updateStatus<NodeObject>(NODES, { ...node, status });
        return { requeueAfterMs: frequency };
      }
      return { requeueAfterMs: Math.max(1000, frequency - age) };
    } catch (e) {
      if (!isConflict(e)) throw e;
      this.written = await client.get<NodeObject>(NODES, config.name);
      return { requeueAfterMs: 0 };
    }
  }

  /** Create the Node, or adopt an existing one: add our labels and pod CIDR where missing. */
  private async register(node: NodeObject | undefined, health: NodeHealth, now: number): Promise<NodeObject> {
    const { client, config } = this.opts;
    if (!node) {
      try {
        node = this.written = await client.create<NodeObject>(NODES, newNode(config, health, rfc3339(now)) as KubeObject);
        this.statusWrites++;
        this.log("node registered", { podCIDR: node.spec?.podCIDR });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        node = this.written = await client.get<NodeObject>(NODES, config.name);
      }
    }
    const meta = withOurMetadata(config, node);
    if (meta) node = this.written = await client.update<NodeObject>(NODES, meta);
    this.isRegistered = true;
    for (const w of this.registeredWaiters.splice(0)) w.resolve(node);
    return node;
  }
}
