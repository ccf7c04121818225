// The namespace controller: a namespace with a deletionTimestamp loses its content, then the
// `kubernetes` finalizer in spec.finalizers through /finalize, after which the API removes it.
import type { Namespace } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { Client } from "../../../shared/client/index.ts";
import { runController, type QueueOptions, type ResourceSource, type SharedInformers } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { deleteContent } from "./content.ts";

export const NAMESPACES = { group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false };
export const FINALIZER = "kubernetes";

export interface NamespaceControllerOptions {
  client: Client;
  informers: SharedInformers;
  types: ResourceSource;
  log: Logger;
  workers?: number;
  queue?: QueueOptions;
  /** How soon to look again while content remains (default 1 s). */
  contentPollMs?: number;
}

type NamespaceObject = StoredObject & Namespace;

export function startNamespaceController(opts: NamespaceControllerOptions) {
  const { client, types } = opts;
  const log = opts.log.with({ controller: "namespace" });
  const informer = opts.informers.for<NamespaceObject>(NAMESPACES);

  const reconcile = async (name: string) => {
    const ns = await client.get<NamespaceObject>(NAMESPACES, name);
    if (!ns.metadata.deletionTimestamp) return;
    const finalizers = ns.spec?.finalizers ?? [];
    if (!finalizers.includes(FINALIZER)) return;
    const content = await deleteContent(client, types, name);
    if (content.failures.length) throw new Error(`namespace ${name}: ${content.failures.join("; ")}`);
    if (content.remaining) {
      log.level("debug")("namespace content remaining", { namespace: name, remaining: content.remaining, deleted: content.deleted });
      return { requeueAfterMs: opts.contentPollMs ?? 1000 };
    }
    const finalized = { ...ns, spec: { ...ns.spec, finalizers: finalizers.filter((f) => f !== FINALIZER) } };
    await client.update(NAMESPACES, finalized, { subresource: "finalize" });
    log("namespace finalized", { namespace: name, deleted: content.deleted });
  };

  const controller = runController<string>({
    name: "namespace",
    workers: opts.workers ?? 2,
    queue: opts.queue,
    log: opts.log,
    ready: () => informer.waitForSync(),
    reconcile,
  });
  const enqueue = (ns: NamespaceObject) => {
    if (ns.metadata.deletionTimestamp) controller.enqueue(ns.metadata.name);
  };
  const unsubscribe = informer.on({ add: enqueue, update: (_old, ns) => enqueue(ns) });
  return {
    async stop() {
      unsubscribe();
      await controller.stop();
    },
  };
}
