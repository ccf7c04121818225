import { describe, expect, test } from "bun:test";
import { podPrinter, summarizePod } from "./pod.ts";
import { NOW, ago, stored } from "./testutil.ts";

const spec = { containers: [{ name: "app", image: "nginx" }] };
const running = { running: { startedAt: ago(200) } };
const pod = (status: Record<string, unknown>, podSpec: Record<string, unknown> = spec, meta = {}) =>
  stored("v1", "Pod", "web", { spec: podSpec, status }, meta);

describe("pod status column", () => {
  test("a pod without status is Pending with nothing ready", () => {
    expect(summarizePod(pod({ phase: "Pending" }), NOW)).toEqual({ ready: "0/1", status: "Pending", restarts: "0" });
  });

  test("a waiting container shows its reason", () => {
    const p = pod({
      phase: "Pending",
      containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } }],
    });
    expect(summarizePod(p, NOW).status).toBe("ContainerCreating");
  });

  test("a running ready pod is Running 1/1", () => {
    const p = pod({
      phase: "Running",
      conditions: [{ type: "Ready", status: "True" }],
      containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: running }],
    });
    expect(summarizePod(p, NOW)).toEqual({ ready: "1/1", status: "Running", restarts: "0" });
  });

  test("a completed pod shows Completed and gets a Completed row condition", () => {
    const p = pod({
      phase: "Succeeded",
      containerStatuses: [
        { name: "app", ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: "Completed" } } },
      ],
    });
    expect(summarizePod(p, NOW).status).toBe("Completed");
    expect(podPrinter.conditions?.(p)?.[0]).toMatchObject({ type: "Completed", status: "True", reason: "Succeeded" });
  });

  test("a failing container without a reason shows its exit code", () => {
    const p = pod({
      phase: "Failed",
      containerStatuses: [{ name: "app", restartCount: 0, state: { terminated: { exitCode: 2 } } }],
    });
    expect(summarizePod(p, NOW).status).toBe("ExitCode:2");
  });

  test("a crash-looping container shows CrashLoopBackOff and restarts with the last restart age", () => {
    const p = pod({
      phase: "Running",
      containerStatuses: [
        {
          name: "app",
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(120) } },
        },
      ],
    });
    expect(summarizePod(p, NOW)).toEqual({ ready: "0/1", status: "CrashLoopBackOff", restarts: "3 (2m ago)" });
  });

  test("a pod running its first of two init containers is Init:0/2", () => {
    const p = pod(
      {
        phase: "Pending",
        initContainerStatuses: [
          { name: "a", ready: false, restartCount: 0, state: running },
          { name: "b", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
        ],
        containerStatuses: [{ name: "app", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
      },
      { ...spec, initContainers: [{ name: "a" }, { name: "b" }] },
    );
    expect(summarizePod(p, NOW).status).toBe("Init:0/2");
  });

  test("a failed init container shows Init:<reason>", () => {
    const p = pod(
      {
        phase: "Pending",
        initContainerStatuses: [{ name: "a", restartCount: 1, state: { terminated: { exitCode: 1, reason: "Error" } } }],
      },
      { ...spec, initContainers: [{ name: "a" }] },
    );
    expect(summarizePod(p, NOW).status).toBe("Init:Error");
  });

  test("a crash-looping init container shows Init:CrashLoopBackOff", () => {
    const p = pod(
      {
        phase: "Pending",
        initContainerStatuses: [{ name: "a", restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } } }],
      },
      { ...spec, initContainers: [{ name: "a" }] },
    );
    expect(summarizePod(p, NOW).status).toBe("Init:CrashLoopBackOff");
  });

  test("a started sidecar counts towards ready and total", () => {
    const p = pod(
      {
        phase: "Running",
        conditions: [{ type: "Initialized", status: "True" }, { type: "Ready", status: "True" }],
        initContainerStatuses: [{ name: "side", ready: true, started: true, restartCount: 0, state: running }],
        containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: running }],
      },
      { ...spec, initContainers: [{ name: "side", restartPolicy: "Always" }] },
    );
    expect(summarizePod(p, NOW)).toEqual({ ready: "2/2", status: "Running", restarts: "0" });
  });

  test("a pod being deleted is Terminating", () => {
    const p = pod(
      { phase: "Running", containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: running }] },
      spec,
      { deletionTimestamp: ago(-30) },
    );
    expect(summarizePod(p, NOW).status).toBe("Terminating");
  });

  test("a finished pod being deleted keeps its final status", () => {
    const p = pod({ phase: "Succeeded" }, spec, { deletionTimestamp: ago(-30) });
    expect(summarizePod(p, NOW).status).toBe("Succeeded");
  });
});

describe("pod row", () => {
  test("has all nine cells including the wide ones", () => {
    const p = stored("v1", "Pod", "web-abc", {
      spec: { ...spec, nodeName: "node1" },
      status: {
        phase: "Running",
        podIP: "10.42.0.9",
        podIPs: [{ ip: "10.42.0.9" }],
        conditions: [{ type: "Ready", status: "True" }],
        containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: running }],
      },
    });
    expect(podPrinter.cells(p, { now: NOW })).toEqual([
      "web-abc",
      "1/1",
      "Running",
      "0",
      "5m",
      "10.42.0.9",
      "node1",
      "<none>",
      "<none>",
    ]);
    expect(podPrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Ready", 0],
      ["Status", 0],
      ["Restarts", 0],
      ["Age", 0],
      ["IP", 1],
      ["Node", 1],
      ["Nominated Node", 1],
      ["Readiness Gates", 1],
    ]);
  });

  test("readiness gates count True conditions", () => {
    const p = stored("v1", "Pod", "g", {
      spec: { ...spec, readinessGates: [{ conditionType: "x/one" }, { conditionType: "x/two" }] },
      status: { phase: "Running", conditions: [{ type: "x/one", status: "True" }] },
    });
    expect(podPrinter.cells(p, { now: NOW })[8]).toBe("1/2");
  });
});
