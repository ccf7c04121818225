// In-process test environment for the workload controllers (Job, CronJob, DaemonSet,
// StatefulSet): the API (server/api/testing.ts) with only the controllers a test starts, shared
// informers, and helpers that play the kubelet by patching pod status directly.
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { Client, type ApiResource } from "../../../shared/client/index.ts";
import { SharedInformers, type Clock } from "../../../shared/controller/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { createLogger, type Logger } from "../../../shared/log.ts";
import { TEST_TOKEN, testApi } from "../../api/testing.ts";
import { PODS, type PodObject } from "./types.ts";

export interface StartDeps {
  client: Client;
  informers: SharedInformers;
  log: Logger;
  queue: { baseDelayMs: number; maxDelayMs: number; clock?: Clock };
}

export async function inProcess(start: (d: StartDeps) => { stop(): Promise<void> }[], opts: { clock?: Clock } = {}) {
  const api = await testApi(opts.clock ? () => new Date(opts.clock!.now()) : undefined);
  const fetch = (req: Request) => api.app.fetch(req);
  const client = new Client({ baseUrl: "http://kubun.test", fetch, token: TEST_TOKEN });
  const informers = new SharedInformers(client, { log: createLogger("error") });
  const running = start({ client, informers, log: createLogger("error"), queue: { baseDelayMs: 1, maxDelayMs: 200, clock: opts.clock } });
  return {
    api,
    client,
    informers,
    async list<T = PodObject>(r: ApiResource, namespace = "default", labelSelector?: string): Promise<T[]> {
      return (await client.list<T>(r, { namespace, labelSelector })).items;
    },
    async until<T>(what: string, cond: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T> {
      return waitUntil(what, cond, timeoutMs);
    },
    /** Play the kubelet: give a pod a phase (and Ready for Running unless told otherwise). */
    async setPhase(pod: StoredObject, phase: "Running" | "Succeeded" | "Failed", opts: { ready?: boolean; restarts?: number } = {}) {
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
      const ready = phase === "Running" && (opts.ready ?? true);
      const containerStatuses = ((pod.spec as { containers: { name: string; image: string }[] }).containers ?? []).map((c) => ({
        name: c.name,
        image: c.image,
        imageID: "",
        ready,
        restartCount: opts.restarts ?? 0,
        state: phase === "Running" ? { running: { startedAt: now } } : { terminated: { exitCode: phase === "Succeeded" ? 0 : 1, reason: phase === "Succeeded" ? "Completed" : "Error", finishedAt: now } },
      }));
      const status = { phase, conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: now }], containerStatuses };
      return client.patch(PODS, pod.metadata.name, { status }, { type: "merge", namespace: pod.metadata.namespace, subresource: "status" });
    },
    async create(r: ApiResource, obj: KubeObject) {
      return client.create(r, obj);
    },
    async close() {
      await Promise.all(running.map((r) => r.stop()));
      await informers.stop();
      api.close();
    },
  };
}

export type InProcessEnv = Awaited<ReturnType<typeof inProcess>>;
