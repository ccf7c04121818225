import { expect, test } from "bun:test";
import { eventPrinter } from "./event.ts";
import { NOW, ago, stored } from "./testutil.ts";

const ctx = { now: NOW };

test("event columns follow the upstream order, wide ones with priority 1", () => {
  expect(eventPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
    "Last Seen:0", "Type:0", "Reason:0", "Object:0", "Subobject:1", "Source:1", "Message:0", "First Seen:1", "Count:1", "Name:1",
  ]);
});

test("a core/v1 event prints kind/name, source and count", () => {
  const ev = stored("v1", "Event", "web-abc.17f", {
    involvedObject: { kind: "Pod", name: "web-abc", namespace: "default", fieldPath: "spec.containers{nginx}" },
    reason: "Pulled",
    message: "Successfully pulled image \"nginx\"\n",
    type: "Normal",
    source: { component: "kubelet", host: "node1" },
    firstTimestamp: ago(600),
    lastTimestamp: ago(65),
    count: 4,
  });
  expect(eventPrinter.cells(ev, ctx)).toEqual([
    "65s", "Normal", "Pulled", "pod/web-abc", "spec.containers{nginx}", "kubelet, node1",
    "Successfully pulled image \"nginx\"", "10m", 4, "web-abc.17f",
  ]);
});

test("a new-style event uses eventTime, series and the reporting controller", () => {
  const ev = stored("v1", "Event", "e2", {
    involvedObject: { kind: "Deployment", name: "web" },
    reason: "ScalingReplicaSet",
    message: "Scaled up",
    type: "Normal",
    eventTime: ago(300),
    reportingComponent: "deployment-controller",
    series: { count: 3, lastObservedTime: ago(10) },
  });
  const cells = eventPrinter.cells(ev, ctx);
  expect(cells.slice(0, 6)).toEqual(["10s", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller"]);
  expect(cells.slice(7, 9)).toEqual(["5m", 3]);
});

test("a singleton event without count counts once; missing times are <unknown>", () => {
  const ev = stored("v1", "Event", "e3", { involvedObject: { kind: "Node" }, type: "Warning", reason: "X", message: "m" });
  const cells = eventPrinter.cells(ev, ctx);
  expect([cells[0], cells[3], cells[7], cells[8]]).toEqual(["<unknown>", "node", "<unknown>", 1]);
});

test("an events.k8s.io/v1 event prints from regarding and note", () => {
  const ev = stored("events.k8s.io/v1", "Event", "e4", {
    regarding: { kind: "Pod", name: "p" },
    note: "hello",
    reason: "Started",
    type: "Normal",
    eventTime: ago(30),
    reportingController: "kubelet",
    reportingInstance: "node1",
  });
  expect(eventPrinter.cells(ev, ctx).slice(0, 7)).toEqual(["30s", "Normal", "Started", "pod/p", "", "kubelet, node1", "hello"]);
});
