// The node's heartbeat: a coordination.k8s.io/v1 Lease in kube-node-lease named after the node,
// renewed every 10 s (a quarter of its 40 s duration, as upstream). Each renewal is one PUT of
// the lease last written; a conflict or a missing lease is read again or created (owned by the
// Node, so deleting the Node deletes it). Failures retry sooner, backing off up to the interval.
import type { Lease } from "kubernetes-types/coordination/v1";
import type { KubeObject, StoredObject } from "../../shared/api/object.ts";
import { isConflict, isNotFound, type Client } from "../../shared/client/index.ts";
import { ItemBackoff, realClock, type Clock } from "../../shared/controller/index.ts";
import { createLogger, type Logger } from "../../shared/log.ts";
import { microTime } from "../kubelet/status/index.ts";
import { LEASES, NODE_LEASE_NAMESPACE } from "../resources.ts";

export type LeaseObject = StoredObject & Lease;

export interface LeaseOptions {
  client: Client;
  nodeName: string;
  /** The Node's uid, for the lease's ownerReference (when known). */
  nodeUID?: () => string | undefined;
  durationSeconds?: number;
  /** Default: a quarter of the duration (10 s). */
  renewIntervalMs?: number;
  clock?: Clock;
  log?: Logger;
}

export class LeaseRenewer {
  /** Successful renewals (creation included). */
  renewals = 0;
  private lease: LeaseObject | undefined;
  private cancel: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly backoff = new ItemBackoff<string>({ baseDelayMs: 200, maxDelayMs: 7_000 });
  private readonly duration: number;
  private readonly interval: number;

  constructor(private readonly opts: LeaseOptions) {
    this.clock = opts.clock ?? realClock;
    this.log = (opts.log ?? createLogger("error", {}, () => true)).with({ node: opts.nodeName });
    this.duration = opts.durationSeconds ?? 40;
    this.interval = opts.renewIntervalMs ?? (this.duration * 1000) / 4;
  }

  start(): this {
    this.tick();
    return this;
  }

  /** Stop renewing (the lease then expires on its own) and wait for a renewal in flight. */
  async stop() {
    this.stopped = true;
    this.cancel?.();
    await this.running;
  }

  private tick() {
    if (this.stopped) return;
    this.running = this.renew().then(
      () => {
        this.backoff.forget("lease");
        this.renewals++;
        return this.interval;
      },
      (e) => {
        const delay = Math.min(this.interval, this.backoff.when("lease"));
        this.log.level("warn")("lease renewal failed; retrying", { error: e instanceof Error ? e.message : String(e), retryMs: delay });
        return delay;
      },
    ).then((delay) => {
      if (!this.stopped) this.cancel = this.clock.after(delay, () => this.tick());
    });
  }

  private desired(base: LeaseObject | undefined): KubeObject {
    const { nodeName } = this.opts;
    const uid = this.opts.nodeUID?.();
    const metadata = base?.metadata ?? {
      name: nodeName,
      namespace: NODE_LEASE_NAMESPACE,
      ...(uid ? { ownerReferences: [{ apiVersion: "v1", kind: "Node", name: nodeName, uid }] } : {}),
    };
    return {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata,
      spec: { ...base?.spec, holderIdentity: nodeName, leaseDurationSeconds: this.duration, renewTime: microTime(this.clock.now()) },
    };
  }

  private async renew() {
    const { client, nodeName } = this.opts;
    if (this.lease) {
      try {
        this.lease = await client.update<LeaseObject>(LEASES, this.desired(this.lease));
        return;
      } catch (e) {
        if (!isConflict(e) && !isNotFound(e)) throw e;
        this.lease = undefined;
      }
    }
    let current: LeaseObject | undefined;
    try {
      current = await client.get<LeaseObject>(LEASES, nodeName, { namespace: NODE_LEASE_NAMESPACE });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    this.lease = current
      ? await client.update<LeaseObject>(LEASES, this.desired(current))
      : await client.create<LeaseObject>(LEASES, this.desired(undefined));
  }
}
