import { afterEach, describe, expect, test } from "bun:test";
import type { Event } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../shared/api/object.ts";
import { Client } from "../../shared/client/index.ts";
import { FakeClock } from "../../shared/controller/index.ts";
import { TEST_TOKEN, testApi } from "../api/testing.ts";
import { EventRecorder, eventsResource } from "../../shared/controller/events.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function setup() {
  const api = await testApi();
  cleanups.push(() => api.close());
  const client = new Client({ baseUrl: "https://kubun.test", fetch: (req) => api.app.fetch(req), token: TEST_TOKEN });
  const clock = new FakeClock(Date.parse("2025-01-01T00:00:00Z"));
  const recorder = new EventRecorder({ client, component: "default-scheduler", instance: "default-scheduler-host", clock });
  const list = async () => (await client.list<Event>(eventsResource, { namespace: "default" })).items;
  return { client, clock, recorder, list };
}

const pod: StoredObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", uid: "u1", resourceVersion: "7" } };

describe("EventRecorder", () => {
  test("an event names the object, the component and its times", async () => {
    const { recorder, list } = await setup();
    recorder.record(pod, "Warning", "FailedScheduling", "no nodes available to schedule pods");
    await recorder.flush();
    const [ev] = await list();
    expect(ev).toMatchObject({
      involvedObject: { kind: "Pod", apiVersion: "v1", namespace: "default", name: "web", uid: "u1", resourceVersion: "7" },
      type: "Warning",
      reason: "FailedScheduling",
      message: "no nodes available to schedule pods",
      source: { component: "default-scheduler" },
      reportingComponent: "default-scheduler",
      reportingInstance: "default-scheduler-host",
      firstTimestamp: "2025-01-01T00:00:00Z",
      lastTimestamp: "2025-01-01T00:00:00Z",
      count: 1,
    });
    expect(ev!.metadata!.name).toStartWith("web.");
  });

  test("the same event again bumps count and lastTimestamp on one Event", async () => {
    const { recorder, list, clock } = await setup();
    recorder.record(pod, "Warning", "FailedScheduling", "m");
    clock.advance(5000);
    recorder.record(pod, "Warning", "FailedScheduling", "m");
    recorder.record(pod, "Warning", "FailedScheduling", "m");
    await recorder.flush();
    const evs = await list();
    expect(evs.map((e) => [e.count, e.firstTimestamp, e.lastTimestamp])).toEqual([[3, "2025-01-01T00:00:00Z", "2025-01-01T00:00:05Z"]]);
  });

  test("a different message is a different event", async () => {
    const { recorder, list } = await setup();
    recorder.record(pod, "Warning", "FailedScheduling", "a");
    recorder.record(pod, "Warning", "FailedScheduling", "b");
    await recorder.flush();
    expect((await list()).map((e) => e.message).sort()).toEqual(["a", "b"]);
  });

  test("an Event deleted meanwhile is created anew", async () => {
    const { recorder, list, client } = await setup();
    recorder.record(pod, "Normal", "Scheduled", "m");
    await recorder.flush();
    const [first] = await list();
    await client.delete(eventsResource, first!.metadata!.name!, { namespace: "default" });
    recorder.record(pod, "Normal", "Scheduled", "m");
    await recorder.flush();
    const evs = await list();
    expect(evs.length).toBe(1);
    expect(evs[0]!.metadata!.name).not.toBe(first!.metadata!.name);
  });
});
