// What one Deployment reconcile works with: the controller's tools, a mutable copy of the
// Deployment (never the cached object), and the writes it makes — ReplicaSet updates, the
// Deployment's annotations (its revision) and status, each conditional on the resourceVersion
// last read or written, so a stale cache turns into a Conflict and a retry.
import type { DeploymentSpec, DeploymentStatus } from "kubernetes-types/apps/v1";
import type { KubeObject, ObjectMeta, StoredObject } from "../../../shared/api/object.ts";
import type { Client } from "../../../shared/client/index.ts";
import type { Clock, EventRecorder } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import type { ControllerIndex } from "../replicaset/owner-index.ts";
import { DEPLOYMENTS, REPLICASETS, type DeploymentObject, type PodObject, type ReplicaSetObject } from "../replicaset/types.ts";
import { canonicalJson } from "../history/hash.ts";
import { compactDeploymentStatus } from "./status.ts";

export interface DeploymentContext {
  client: Client;
  recorder: EventRecorder;
  clock: Clock;
  log: Logger;
  fieldManager: string;
  getDeployment(key: string): DeploymentObject | undefined;
  replicaSetIndex: ControllerIndex<ReplicaSetObject>;
  podIndex: ControllerIndex<PodObject>;
}

/** The Deployment as one reconcile changes it. */
export type WorkingDeployment = DeploymentObject & { spec: DeploymentSpec; status: DeploymentStatus };

export class Run {
  readonly d: WorkingDeployment;
  /** The Deployment as last read or written. */
  private persisted: DeploymentObject;
  /** Set when the Deployment must be looked at again later (progress deadline, minReadySeconds). */
  requeueAfterMs?: number;

  constructor(
    readonly ctx: DeploymentContext,
    cached: DeploymentObject,
  ) {
    this.persisted = cached;
    const d = structuredClone(cached) as WorkingDeployment;
    d.spec ??= {} as DeploymentSpec;
    d.status ??= {};
    this.d = d;
  }

  get now() {
    return this.ctx.clock.now();
  }

  event(type: "Normal" | "Warning", reason: string, message: string) {
    this.ctx.recorder.record(this.persisted, type, reason, message);
  }

  requeueAfter(ms: number) {
    this.requeueAfterMs = this.requeueAfterMs === undefined ? ms : Math.min(this.requeueAfterMs, ms);
  }

  /** Write the Deployment's annotations (if changed) and then its status (if changed). */
  async updateStatus() {
    await this.writeAnnotations();
    if (canonicalJson(compactDeploymentStatus(this.d.status)) === canonicalJson(compactDeploymentStatus(this.persisted.status ?? {}))) return;
    const body = { ...this.d, status: compactDeploymentStatus(this.d.status) };
    this.adopt(await this.ctx.client.updateStatus<DeploymentObject>(DEPLOYMENTS, body as KubeObject, { fieldManager: this.ctx.fieldManager }));
  }

  /** PUT the whole Deployment (a rollback changes its template and annotations). */
  async update() {
    this.adopt(await this.ctx.client.update<DeploymentObject>(DEPLOYMENTS, this.d as KubeObject, { fieldManager: this.ctx.fieldManager }));
  }

  async updateReplicaSet(rs: KubeObject): Promise<ReplicaSetObject> {
    return this.ctx.client.update<ReplicaSetObject>(REPLICASETS, rs, { fieldManager: this.ctx.fieldManager });
  }

  private async writeAnnotations() {
    const want = this.d.metadata.annotations ?? {};
    const have = this.persisted.metadata.annotations ?? {};
    const patch: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(want)) if (have[k] !== v) patch[k] = v;
    for (const k of Object.keys(have)) if (!(k in want)) patch[k] = null;
    if (Object.keys(patch).length === 0) return;
    const body = { metadata: { annotations: patch, resourceVersion: this.d.metadata.resourceVersion } };
    const name = this.d.metadata.name;
    this.adopt(await this.ctx.client.patch<DeploymentObject>(DEPLOYMENTS, name, body, { type: "merge", namespace: this.d.metadata.namespace, fieldManager: this.ctx.fieldManager }));
  }

  /** Take the server's answer as the new persisted state; keep the working spec and status. */
  private adopt(written: StoredObject) {
    this.persisted = written as DeploymentObject;
    const meta: ObjectMeta = this.d.metadata;
    meta.resourceVersion = written.metadata.resourceVersion;
    meta.generation = written.metadata.generation;
  }
}
