import { afterEach, describe, expect, test } from "bun:test";
import type { Event } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { controllerEnv } from "../testing.ts";
import { startJobController } from "./index.ts";
import { inProcess, type InProcessEnv } from "./testing.ts";
import { JOBS, PODS, TRACKING_FINALIZER, type JobObject, type PodObject } from "./types.ts";

const EVENTS = { group: "", version: "v1", plural: "events", kind: "Event", namespaced: true };

function jobBody(name: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default" },
    spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "work", image: "busybox" }] } }, ...spec },
  };
}

const active = (pods: PodObject[]) => pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed");

let env: Awaited<ReturnType<typeof controllerEnv>> | undefined;
let own: InProcessEnv | undefined;
afterEach(async () => {
  await env?.close();
  await own?.close();
  env = own = undefined;
});

describe("Job controller in process", () => {
  test("a Job with completions 3 and parallelism 2 runs at most two pods at a time and completes", async () => {
    env = await controllerEnv();
    const { client } = env;
    await client.create(JOBS, jobBody("batch", { completions: 3, parallelism: 2 }));
    const pods = async () => (await client.list<PodObject>(PODS, { namespace: "default", labelSelector: "batch.kubernetes.io/job-name=batch" })).items;
    let finished = 0;
    while (finished < 3) {
      const running = await waitUntil("an active pod", async () => {
        const a = active(await pods());
        return a.length ? a : undefined;
      });
      expect(running.length).toBeLessThanOrEqual(2);
      const p = running[0]!;
      expect(p.metadata.finalizers).toContain(TRACKING_FINALIZER);
      expect(p.metadata.labels).toMatchObject({ "batch.kubernetes.io/job-name": "batch", "job-name": "batch" });
      await client.patch(PODS, p.metadata.name, { status: { phase: "Succeeded" } }, { type: "merge", namespace: "default", subresource: "status" });
      finished++;
    }
    const job = await waitUntil("the Job to complete", async () => {
      const j = await client.get<JobObject>(JOBS, "batch", { namespace: "default" });
      return j.status?.conditions?.some((c) => c.type === "Complete" && c.status === "True") ? j : undefined;
    });
    expect(job.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(job.status?.active).toBeUndefined();
    expect(job.status?.completionTime).toBeDefined();
    expect(job.status?.conditions?.map((c) => c.type)).toEqual(["SuccessCriteriaMet", "Complete"]);
    const all = await pods();
    expect(all).toHaveLength(3);
    await waitUntil("the finalizers to come off", async () => (await pods()).every((p) => !p.metadata.finalizers?.length));
    const reasons = await waitUntil("the Completed event", async () => {
      const evs = (await client.list<Event>(EVENTS, { namespace: "default" })).items.filter((e) => e.involvedObject.name === "batch");
      return evs.some((e) => e.reason === "Completed") ? evs.map((e) => `${e.reason}: ${e.message}`) : undefined;
    });
    expect(reasons.filter((r) => r.startsWith("SuccessfulCreate: Created pod: batch-"))).toHaveLength(3);
  });

  test("a Job whose pods fail hits backoffLimit and gets the Failed condition", async () => {
    own = await inProcess((d) => [startJobController({ ...d, podFailureBackoff: { baseMs: 5, maxMs: 20 } })]);
    const e = own;
    await e.create(JOBS, jobBody("flaky", { backoffLimit: 1 }));
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const p = await e.until("a new pod", async () => active(await e.list(PODS)).find((p) => !seen.has(p.metadata.name)));
      seen.add(p.metadata.name);
      await e.setPhase(p, "Failed");
    }
    const job = await e.until("the Job to fail", async () => {
      const j = await e.client.get<JobObject>(JOBS, "flaky", { namespace: "default" });
      return j.status?.conditions?.some((c) => c.type === "Failed") ? j : undefined;
    });
    expect(job.status?.failed).toBe(2);
    expect(job.status?.conditions?.map((c) => `${c.type}/${c.reason}`)).toEqual(["FailureTarget/BackoffLimitExceeded", "Failed/BackoffLimitExceeded"]);
    expect(job.status?.conditions?.[1]?.message).toBe("Job has reached the specified backoff limit");
    expect(seen.size).toBe(2);
    expect(active(await e.list(PODS))).toHaveLength(0);
  });

  test("deleting a Job releases its pods' tracking finalizers so they can go", async () => {
    own = await inProcess((d) => [startJobController(d)]);
    const e = own;
    await e.create(JOBS, jobBody("doomed", { parallelism: 2, completions: 2 }));
    const pods = await e.until("two pods", async () => ((await e.list(PODS)).length === 2 ? e.list(PODS) : undefined));
    await e.client.delete(JOBS, "doomed", { namespace: "default", propagationPolicy: "Orphan" });
    for (const p of pods) await e.client.delete(PODS, p.metadata.name, { namespace: "default" });
    await e.until("the pods to be gone", async () => (await e.list(PODS)).length === 0);
  });
});
