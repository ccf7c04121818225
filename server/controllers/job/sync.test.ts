import { describe, expect, test } from "bun:test";
import type { JobSpec } from "kubernetes-types/batch/v1";
import { FakeClock } from "../../../shared/controller/index.ts";
import { Expectations } from "../../../shared/controller/expectations.ts";
import { cacheOf, recordingApi } from "../../../shared/controller/fake-api.ts";
import { createLogger } from "../../../shared/log.ts";
import { FinalizerExpectations } from "./finalizer-expectations.ts";
import { syncJob } from "./sync.ts";
import { TRACKING_FINALIZER, type JobDeps, type JobObject, type PodObject } from "./types.ts";

const T0 = Date.parse("2025-03-01T10:00:00Z");

function job(spec: Partial<JobSpec> = {}, status: JobObject["status"] = {}): JobObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "pi", namespace: "default", uid: "job-uid", resourceVersion: "10", generation: 1 },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "job-uid" } },
      template: { metadata: { labels: { "batch.kubernetes.io/controller-uid": "job-uid", "batch.kubernetes.io/job-name": "pi" } }, spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } },
      ...spec,
    },
    status,
  };
}

function pod(name: string, phase: string, opts: { finalizer?: boolean; ready?: boolean; index?: number; deleting?: boolean; finished?: number } = {}): PodObject {
  const at = new Date(opts.finished ?? T0).toISOString();
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      resourceVersion: "5",
      creationTimestamp: "2025-03-01T09:59:00Z",
      ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name: "pi", uid: "job-uid", controller: true }],
      ...(opts.finalizer === false ? {} : { finalizers: [TRACKING_FINALIZER] }),
      ...(opts.index !== undefined ? { annotations: { "batch.kubernetes.io/job-completion-index": String(opts.index) } } : {}),
      ...(opts.deleting ? { deletionTimestamp: at } : {}),
    },
    spec: { containers: [{ name: "c", image: "busybox" }] },
    status: { phase, conditions: [{ type: "Ready", status: opts.ready ? "True" : "False", lastTransitionTime: at }] },
  };
}

function env(jobs: JobObject[], pods: PodObject[] = []) {
  const api = recordingApi();
  const events: string[] = [];
  const clock = new FakeClock(T0);
  const d: JobDeps = {
    client: api.client,
    jobs: cacheOf(jobs),
    pods: cacheOf(pods),
    recorder: { record: (_o, type, reason, message) => void events.push(`${type} ${reason} ${message}`) },
    clock,
    expectations: new Expectations({ clock }),
    finalizers: new FinalizerExpectations(),
    podFailureBackoff: { baseMs: 10_000, maxMs: 600_000 },
    log: createLogger("error"),
  };
  const statuses = () => api.of("PUT", "/status").map((w) => w.body.status);
  return { api, d, events, clock, statuses };
}

describe("syncJob", () => {
  test("a new Job gets parallelism pods from its template, with the finalizer, owner and generateName", async () => {
    const { api, d, events, statuses } = env([job({ completions: 3, parallelism: 2 })]);
    await syncJob(d, "default/pi");
    const posts = api.of("POST", "/pods");
    expect(posts).toHaveLength(2);
    const meta = posts[0]!.body.metadata;
    expect(meta.generateName).toBe("pi-");
    expect(meta.finalizers).toEqual([TRACKING_FINALIZER]);
    expect(meta.labels["batch.kubernetes.io/job-name"]).toBe("pi");
    expect(meta.ownerReferences).toEqual([{ apiVersion: "batch/v1", kind: "Job", name: "pi", uid: "job-uid", controller: true, blockOwnerDeletion: true }]);
    expect(events.filter((e) => e.startsWith("Normal SuccessfulCreate Created pod: pi-"))).toHaveLength(2);
    expect(statuses().at(-1)).toEqual({ active: 2, ready: 0, terminating: 0, startTime: "2025-03-01T10:00:00Z", uncountedTerminatedPods: {} });
  });

  test("while created pods are not in the cache yet, a second sync creates nothing", async () => {
    const { api, d } = env([job({ completions: 3, parallelism: 2 })]);
    await syncJob(d, "default/pi");
    await syncJob(d, "default/pi");
    expect(api.of("POST", "/pods")).toHaveLength(2);
  });

  test("a succeeded pod is listed as uncounted, loses its finalizer, then is counted", async () => {
    const j = job({ completions: 2, parallelism: 1 }, { startTime: "2025-03-01T09:59:00Z", active: 1 });
    const { api, d, statuses } = env([j], [pod("pi-a", "Succeeded")]);
    await syncJob(d, "default/pi");
    const [first, last] = [statuses()[0], statuses().at(-1)];
    expect(first.uncountedTerminatedPods).toEqual({ succeeded: ["uid-pi-a"] });
    const patch = api.of("PATCH", "/pods/pi-a")[0]!;
    expect(patch.body.metadata["$deleteFromPrimitiveList/finalizers"]).toEqual([TRACKING_FINALIZER]);
    expect(last.succeeded).toBe(1);
    expect(last.uncountedTerminatedPods).toEqual({});
    // The finalizer write happens between the two status writes.
    const order = api.writes.map((w) => `${w.method} ${w.path.split("/").at(-1)}`);
    expect(order.indexOf("PATCH pi-a")).toBeGreaterThan(order.indexOf("PUT status"));
    expect(api.of("POST", "/pods")).toHaveLength(1);
  });

  test("enough successes make SuccessCriteriaMet and Complete, with completionTime and a Completed event", async () => {
    const j = job({ completions: 2 }, { startTime: "2025-03-01T09:59:00Z", succeeded: 1 });
    const { d, events, statuses } = env([j], [pod("pi-a", "Succeeded", { finalizer: false }), pod("pi-b", "Succeeded")]);
    await syncJob(d, "default/pi");
    const last = statuses().at(-1);
    expect(last.succeeded).toBe(2);
    expect(last.conditions.map((c: { type: string; reason: string; message: string }) => [c.type, c.reason, c.message])).toEqual([
      ["SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"],
      ["Complete", "CompletionsReached", "Reached expected number of succeeded pods"],
    ]);
    expect(last.completionTime).toBe("2025-03-01T10:00:00Z");
    expect(events).toContain("Normal Completed Job completed");
  });

  test("failures past backoffLimit make FailureTarget then Failed, delete active pods and warn", async () => {
    const j = job({ completions: 3, parallelism: 2, backoffLimit: 1 }, { startTime: "2025-03-01T09:59:00Z", failed: 1 });
    const { api, d, events, statuses } = env([j], [pod("pi-a", "Failed", { finalizer: false }), pod("pi-b", "Failed"), pod("pi-c", "Running", { ready: true })]);
    await syncJob(d, "default/pi");
    expect(api.of("DELETE", "/pods").map((w) => w.path.split("/").at(-1))).toEqual(["pi-c"]);
    const conds = statuses().at(-1).conditions.map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`);
    expect(conds).toEqual(["FailureTarget/BackoffLimitExceeded"]);
    expect(api.of("POST", "/pods")).toHaveLength(0);
    // The deleted pod is terminating: Failed waits for it.
    expect(statuses().at(-1).terminating).toBe(1);
    expect(events.some((e) => e.startsWith("Warning BackoffLimitExceeded"))).toBe(false);
  });

  test("once nothing is left running, a FailureTarget Job becomes Failed with the same reason", async () => {
    const target = { type: "FailureTarget", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", lastProbeTime: "2025-03-01T09:59:30Z", lastTransitionTime: "2025-03-01T09:59:30Z" };
    const j = job({ backoffLimit: 1 }, { startTime: "2025-03-01T09:59:00Z", failed: 2, conditions: [target] });
    const { d, events, statuses } = env([j], [pod("pi-a", "Failed", { finalizer: false }), pod("pi-b", "Failed", { finalizer: false })]);
    await syncJob(d, "default/pi");
    const conds = statuses().at(-1).conditions.map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`);
    expect(conds).toEqual(["FailureTarget/BackoffLimitExceeded", "Failed/BackoffLimitExceeded"]);
    expect(events).toContain("Warning BackoffLimitExceeded Job has reached the specified backoff limit");
  });

  test("after a failure the replacement pod waits for the backoff delay", async () => {
    const j = job({ backoffLimit: 6 }, { startTime: "2025-03-01T09:59:00Z", failed: 1 });
    const { api, d } = env([j], [pod("pi-a", "Failed", { finalizer: false, finished: T0 - 4000 })]);
    const r = await syncJob(d, "default/pi");
    expect(api.of("POST", "/pods")).toHaveLength(0);
    expect(r).toEqual({ requeueAfterMs: 6000 });
  });

  test("restartPolicy OnFailure counts container restarts against backoffLimit", async () => {
    const j = job({ backoffLimit: 2, template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "x" }] } } }, { startTime: "2025-03-01T09:59:00Z" });
    const p = pod("pi-a", "Running");
    p.status!.containerStatuses = [{ name: "c", image: "x", imageID: "", ready: false, restartCount: 2 }];
    const { statuses } = await (async () => {
      const e = env([j], [p]);
      await syncJob(e.d, "default/pi");
      return e;
    })();
    expect(statuses().at(-1).conditions[0].reason).toBe("BackoffLimitExceeded");
  });

  test("a Job past activeDeadlineSeconds fails with DeadlineExceeded; before, it is looked at when it expires", async () => {
    const early = env([job({ activeDeadlineSeconds: 60 }, { startTime: "2025-03-01T09:59:30Z", active: 1 })], [pod("pi-a", "Running")]);
    expect(await syncJob(early.d, "default/pi")).toEqual({ requeueAfterMs: 30_000 });
    const late = env([job({ activeDeadlineSeconds: 60 }, { startTime: "2025-03-01T09:58:00Z", active: 1 })], [pod("pi-a", "Running")]);
    await syncJob(late.d, "default/pi");
    expect(late.statuses().at(-1).conditions[0]).toMatchObject({ type: "FailureTarget", reason: "DeadlineExceeded", message: "Job was active longer than specified deadline" });
  });

  test("a suspended Job deletes its pods without counting them and says Suspended", async () => {
    const j = job({ suspend: true, parallelism: 2, completions: 4 }, { startTime: "2025-03-01T09:59:00Z", active: 2 });
    const { api, d, events, statuses } = env([j], [pod("pi-a", "Running"), pod("pi-b", "Pending")]);
    await syncJob(d, "default/pi");
    expect(api.of("DELETE", "/pods")).toHaveLength(2);
    expect(api.of("PATCH", "/pods")).toHaveLength(2);
    const last = statuses().at(-1);
    expect(last.active).toBeUndefined();
    expect(last.failed).toBeUndefined();
    expect(last.conditions[0]).toMatchObject({ type: "Suspended", status: "True", reason: "JobSuspended" });
    expect(events).toContain("Normal Suspended Job suspended");
  });

  test("an Indexed Job creates one pod per pending index with the index annotation, label, env and hostname", async () => {
    const j = job({ completionMode: "Indexed", completions: 3, parallelism: 3 }, { startTime: "2025-03-01T09:59:00Z", completedIndexes: "1", succeeded: 1 });
    const { api, d } = env([j]);
    await syncJob(d, "default/pi");
    const posts = api.of("POST", "/pods").map((w) => w.body);
    expect(posts.map((p) => p.metadata.annotations["batch.kubernetes.io/job-completion-index"]).sort()).toEqual(["0", "2"]);
    const p0 = posts.find((p) => p.metadata.generateName === "pi-0-");
    expect(p0.spec.hostname).toBe("pi-0");
    expect(p0.metadata.labels["batch.kubernetes.io/job-completion-index"]).toBe("0");
    expect(p0.spec.containers[0].env[0].name).toBe("JOB_COMPLETION_INDEX");
  });

  test("a finished Job with ttlSecondsAfterFinished is deleted once the TTL passed", async () => {
    const done = { type: "Complete", status: "True", lastTransitionTime: "2025-03-01T09:59:00Z" };
    const soon = env([job({ ttlSecondsAfterFinished: 100 }, { completionTime: "2025-03-01T09:59:00Z", conditions: [done] })]);
    expect(await syncJob(soon.d, "default/pi")).toEqual({ requeueAfterMs: 40_000 });
    const past = env([job({ ttlSecondsAfterFinished: 10 }, { completionTime: "2025-03-01T09:59:00Z", conditions: [done] })]);
    await syncJob(past.d, "default/pi");
    expect(past.api.of("DELETE", "/jobs/pi")[0]!.body.propagationPolicy).toBe("Foreground");
  });

  test("a Job gone from the cache is done", async () => {
    const { api, d } = env([]);
    expect(await syncJob(d, "default/pi")).toBeUndefined();
    expect(api.writes).toEqual([]);
  });
});
