import { describe, expect, test } from "bun:test";
import type { CronJobSpec } from "kubernetes-types/batch/v1";
import { FakeClock } from "../../../shared/controller/index.ts";
import { cacheOf, recordingApi } from "../../../shared/controller/fake-api.ts";
import { createLogger } from "../../../shared/log.ts";
import type { CronJobObject, JobObject } from "./jobs.ts";
import { syncCronJob } from "./sync.ts";

const at = (s: string) => Date.parse(s);

function cronJob(spec: Partial<CronJobSpec> = {}, status: CronJobObject["status"] = {}): CronJobObject {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "tick", namespace: "default", uid: "cj-uid", resourceVersion: "7", creationTimestamp: "2025-01-01T00:00:10Z" },
    spec: {
      schedule: "* * * * *",
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { team: "a" } }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } } } },
      ...spec,
    },
    status,
  };
}

function job(name: string, opts: { finished?: "Complete" | "Failed"; start?: string; completion?: string } = {}): JobObject {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: "3", ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: "tick", uid: "cj-uid", controller: true }] },
    spec: { template: {} },
    status: {
      ...(opts.start ? { startTime: opts.start } : {}),
      ...(opts.completion ? { completionTime: opts.completion } : {}),
      ...(opts.finished ? { conditions: [{ type: opts.finished, status: "True" }] } : {}),
    },
  };
}

const activeRef = (j: JobObject) => ({ kind: "Job", namespace: "default", name: j.metadata.name, uid: j.metadata.uid, apiVersion: "batch/v1", resourceVersion: "3" });

function env(now: string, cj: CronJobObject, jobs: JobObject[] = []) {
  const api = recordingApi();
  const events: string[] = [];
  const d = {
    client: api.client,
    cronJobs: cacheOf([cj]),
    jobs: cacheOf(jobs),
    recorder: { record: (_o: unknown, type: string, reason: string, message: string) => void events.push(`${type} ${reason} ${message}`) },
    clock: new FakeClock(at(now)),
    log: createLogger("error"),
  };
  return { api, d, events, status: () => api.of("PUT", "/status").at(-1)?.body.status };
}

describe("syncCronJob", () => {
  test("at a schedule time it creates the Job named by the minute, owned and annotated, and records it as active", async () => {
    const { api, d, events, status } = env("2025-01-01T00:01:20Z", cronJob());
    const r = await syncCronJob(d, "default/tick");
    const body = api.of("POST", "/jobs")[0]!.body;
    expect(body.metadata.name).toBe(`tick-${at("2025-01-01T00:01:00Z") / 60_000}`);
    expect(body.metadata.labels).toEqual({ team: "a" });
    expect(body.metadata.annotations).toEqual({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2025-01-01T00:01:00Z" });
    expect(body.metadata.ownerReferences[0]).toMatchObject({ kind: "CronJob", name: "tick", uid: "cj-uid", controller: true, blockOwnerDeletion: true });
    expect(status().lastScheduleTime).toBe("2025-01-01T00:01:00Z");
    expect(status().active[0]).toMatchObject({ kind: "Job", name: body.metadata.name });
    expect(events).toContain(`Normal SuccessfulCreate Created job ${body.metadata.name}`);
    expect(r).toEqual({ requeueAfterMs: 40_100 });
  });

  test("before the first schedule time it only asks to be woken then", async () => {
    const { api, d } = env("2025-01-01T00:00:30Z", cronJob());
    expect(await syncCronJob(d, "default/tick")).toEqual({ requeueAfterMs: 30_100 });
    expect(api.writes).toEqual([]);
  });

  test("Forbid skips a run while a Job is active", async () => {
    const running = job("tick-1");
    const { api, d, events } = env("2025-01-01T00:02:05Z", cronJob({ concurrencyPolicy: "Forbid" }, { lastScheduleTime: "2025-01-01T00:01:00Z", active: [activeRef(running)] }), [running]);
    await syncCronJob(d, "default/tick");
    expect(api.of("POST")).toHaveLength(0);
    expect(events).toContain("Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid");
  });

  test("Replace deletes the active Job before starting the next", async () => {
    const running = job("tick-1");
    const { api, d, events, status } = env("2025-01-01T00:02:05Z", cronJob({ concurrencyPolicy: "Replace" }, { lastScheduleTime: "2025-01-01T00:01:00Z", active: [activeRef(running)] }), [running]);
    await syncCronJob(d, "default/tick");
    expect(api.of("DELETE", "/jobs/tick-1")[0]!.body.propagationPolicy).toBe("Background");
    expect(api.of("POST", "/jobs")).toHaveLength(1);
    expect(events).toContain("Normal SuccessfulDelete Deleted job tick-1");
    expect(status().active.map((r: { name: string }) => r.name)).toEqual([`tick-${at("2025-01-01T00:02:00Z") / 60_000}`]);
  });

  test("a run later than startingDeadlineSeconds is not started; within it, it is", async () => {
    const { api, d } = env("2025-01-01T00:01:40Z", cronJob({ startingDeadlineSeconds: 200 }, {}));
    const late = env("2025-01-01T00:01:40Z", cronJob({ startingDeadlineSeconds: 30 }, {}));
    await syncCronJob(late.d, "default/tick");
    expect(late.api.of("POST")).toHaveLength(0);
    await syncCronJob(d, "default/tick");
    expect(api.of("POST")).toHaveLength(1);
  });

  test("a finished active Job leaves the active list; a completed one sets lastSuccessfulTime", async () => {
    const done = job("tick-1", { finished: "Complete", start: "2025-01-01T00:01:00Z", completion: "2025-01-01T00:01:30Z" });
    const { d, events, status } = env("2025-01-01T00:01:40Z", cronJob({}, { lastScheduleTime: "2025-01-01T00:01:00Z", active: [activeRef(done)] }), [done]);
    await syncCronJob(d, "default/tick");
    expect(status().active).toEqual([]);
    expect(status().lastSuccessfulTime).toBe("2025-01-01T00:01:30Z");
    expect(events).toContain("Normal SawCompletedJob Saw completed job: tick-1, status: Complete");
  });

  test("finished Jobs beyond the history limits are deleted oldest first", async () => {
    const jobs = [
      job("tick-3", { finished: "Complete", start: "2025-01-01T00:03:00Z" }),
      job("tick-1", { finished: "Complete", start: "2025-01-01T00:01:00Z" }),
      job("tick-2", { finished: "Complete", start: "2025-01-01T00:02:00Z" }),
      job("tick-4", { finished: "Failed", start: "2025-01-01T00:04:00Z" }),
      job("tick-5", { finished: "Failed", start: "2025-01-01T00:05:00Z" }),
    ];
    const { api, d } = env("2025-01-01T00:05:30Z", cronJob({ successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1 }, { lastScheduleTime: "2025-01-01T00:05:00Z" }), jobs);
    await syncCronJob(d, "default/tick");
    expect(api.of("DELETE").map((w) => w.path.split("/").at(-1))).toEqual(["tick-1", "tick-2", "tick-4"]);
  });

  test("a suspended CronJob starts nothing and is not requeued", async () => {
    const { api, d } = env("2025-01-01T00:05:30Z", cronJob({ suspend: true }));
    expect(await syncCronJob(d, "default/tick")).toBeUndefined();
    expect(api.of("POST")).toHaveLength(0);
  });

  test("a time zone shows in the scheduled-timestamp annotation", async () => {
    const { api, d } = env("2025-01-01T00:01:20Z", cronJob({ timeZone: "Asia/Tokyo" }));
    await syncCronJob(d, "default/tick");
    expect(api.of("POST")[0]!.body.metadata.annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2025-01-01T09:01:00+09:00");
  });
});
