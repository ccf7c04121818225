import { describe, expect, test } from "bun:test";
import { controllerRevisionPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from "./apps.ts";
import { cronJobPrinter, jobPrinter } from "./batch.ts";
import { NOW, ago, stored } from "./testutil.ts";

const ctx = { now: NOW };
const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }, { name: "side", image: "busybox" }] } };

describe("deployment columns", () => {
  test("Ready is ready/desired and wide cells list containers, images and the selector", () => {
    const d = stored("apps/v1", "Deployment", "web", {
      spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template },
      status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    });
    expect(deploymentPrinter.cells(d, ctx)).toEqual(["web", "2/3", 3, 2, "5m", "nginx,side", "nginx:1.27,busybox", "app=web"]);
    expect(deploymentPrinter.columns.map((c) => c.name)).toEqual([
      "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector",
    ]);
  });

  test("a new deployment without status is 0/N", () => {
    const d = stored("apps/v1", "Deployment", "web", { spec: { replicas: 2, template } });
    expect(deploymentPrinter.cells(d, ctx).slice(1, 4)).toEqual(["0/2", 0, 0]);
  });

  test("matchExpressions are printed like label selectors", () => {
    const d = stored("apps/v1", "Deployment", "web", {
      spec: {
        selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["fe", "be"] }] },
        template,
      },
    });
    expect(deploymentPrinter.cells(d, ctx)[7]).toBe("app=web,tier in (be,fe)");
  });
});

test("replica sets print desired, current and ready as integers", () => {
  const rs = stored("apps/v1", "ReplicaSet", "web-1", {
    spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template },
    status: { replicas: 2, readyReplicas: 1 },
  });
  expect(replicaSetPrinter.cells(rs, ctx).slice(0, 5)).toEqual(["web-1", 2, 2, 1, "5m"]);
});

test("stateful sets print Ready as ready/desired", () => {
  const ss = stored("apps/v1", "StatefulSet", "db", { spec: { replicas: 3, template }, status: { readyReplicas: 3 } });
  expect(statefulSetPrinter.cells(ss, ctx).slice(0, 2)).toEqual(["db", "3/3"]);
});

test("controller revisions name their controller as kind.group/name", () => {
  const cr = stored("apps/v1", "ControllerRevision", "db-abc", { revision: 2 }, {
    ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: "u", controller: true }],
  });
  expect(controllerRevisionPrinter.cells(cr, ctx)).toEqual(["db-abc", "statefulset.apps/db", 2, "5m"]);
});

describe("job columns", () => {
  test("a finished job is Complete with its duration", () => {
    const j = stored("batch/v1", "Job", "pi", {
      spec: { completions: 1, template },
      status: {
        succeeded: 1,
        startTime: ago(100),
        completionTime: ago(88),
        conditions: [
          { type: "SuccessCriteriaMet", status: "True" },
          { type: "Complete", status: "True" },
        ],
      },
    });
    expect(jobPrinter.cells(j, ctx).slice(0, 5)).toEqual(["pi", "Complete", "1/1", "12s", "5m"]);
  });

  test("a running parallel job without completions shows n/1 of p", () => {
    const j = stored("batch/v1", "Job", "work", {
      spec: { parallelism: 3, template },
      status: { startTime: ago(30), active: 3 },
    });
    expect(jobPrinter.cells(j, ctx).slice(1, 4)).toEqual(["Running", "0/1 of 3", "30s"]);
  });

  test("failed and suspended jobs say so; a job not started has no duration", () => {
    const failed = stored("batch/v1", "Job", "f", { spec: { template }, status: { conditions: [{ type: "Failed", status: "True" }] } });
    const suspended = stored("batch/v1", "Job", "s", { spec: { template }, status: { conditions: [{ type: "Suspended", status: "True" }] } });
    expect(jobPrinter.cells(failed, ctx).slice(1, 4)).toEqual(["Failed", "0/1", ""]);
    expect(jobPrinter.cells(suspended, ctx)[1]).toBe("Suspended");
  });
});

test("cron jobs print schedule, time zone, suspend, active and last schedule", () => {
  const cj = stored("batch/v1", "CronJob", "tick", {
    spec: { schedule: "*/5 * * * *", suspend: false, jobTemplate: { spec: { template } } },
    status: { active: [{ name: "tick-1" }], lastScheduleTime: ago(60) },
  });
  expect(cronJobPrinter.cells(cj, ctx).slice(0, 7)).toEqual(["tick", "*/5 * * * *", "<none>", "False", 1, "60s", "5m"]);
});
