import { afterEach, describe, expect, test } from "bun:test";
import { FakeClock } from "../../../shared/controller/index.ts";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { inProcess, type InProcessEnv } from "../job/testing.ts";
import { startCronJobController } from "./index.ts";
import { CRONJOBS, JOBS, type CronJobObject, type JobObject } from "./jobs.ts";

let env: InProcessEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const T0 = Date.parse("2025-01-01T00:00:30Z");
const minute = (iso: string) => Date.parse(iso) / 60_000;

describe("CronJob controller in process", () => {
  test("with a fake clock it creates a Job at each schedule time and prunes finished ones past the history limit", async () => {
    const clock = new FakeClock(T0);
    env = await inProcess((d) => [startCronJobController({ ...d, clock })], { clock });
    const e = env;
    // Let fake time creep while waiting, so retries after a conflict run; schedules are minutes apart.
    const until = <T>(what: string, cond: () => Promise<T | undefined | false>) =>
      waitUntil(what, async () => {
        const v = await cond();
        if (v === undefined || v === false) clock.advance(5);
        return v;
      });
    await e.create(CRONJOBS, {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "tick", namespace: "default" },
      spec: { schedule: "* * * * *", successfulJobsHistoryLimit: 1, jobTemplate: { spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "busybox" }] } } } } },
    });
    await until("the wake-up for the first schedule time", async () => clock.pending > 0);
    expect((await e.list<JobObject>(JOBS))).toHaveLength(0);

    const complete = async (j: JobObject) => {
      const t = new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
      await e.client.patch(JOBS, j.metadata.name, { status: { startTime: t, completionTime: t, succeeded: 1, conditions: [{ type: "Complete", status: "True", lastTransitionTime: t }] } }, { type: "merge", namespace: "default", subresource: "status" });
    };
    clock.advance(30_000);
    const first = await until("the 00:01 Job", async () => (await e.list<JobObject>(JOBS)).find((j) => j.metadata.name === `tick-${minute("2025-01-01T00:01:00Z")}`));
    expect(first.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2025-01-01T00:01:00Z");
    const cj = await until("lastScheduleTime", async () => {
      const c = await e.client.get<CronJobObject>(CRONJOBS, "tick", { namespace: "default" });
      return c.status?.lastScheduleTime ? c : undefined;
    });
    expect(cj.status?.active?.map((r) => r.name)).toEqual([first.metadata.name]);
    await complete(first);

    clock.advance(60_000);
    const second = await until("the 00:02 Job", async () => (await e.list<JobObject>(JOBS)).find((j) => j.metadata.name === `tick-${minute("2025-01-01T00:02:00Z")}`));
    await complete(second);
    await until("the older finished Job to be pruned", async () => {
      const names = (await e.list<JobObject>(JOBS)).map((j) => j.metadata.name);
      return names.length === 1 && names[0] === second.metadata.name;
    });
    const after = await until("the status to settle", async () => {
      const c = await e.client.get<CronJobObject>(CRONJOBS, "tick", { namespace: "default" });
      return !c.status?.active?.length && c.status?.lastSuccessfulTime ? c : undefined;
    });
    expect(after.status?.lastScheduleTime).toBe("2025-01-01T00:02:00Z");
  });
});
