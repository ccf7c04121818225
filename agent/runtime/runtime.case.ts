// The conformance suite every PodRuntime passes (the simulated one now, runc later): call
// describeRuntime from a *.test.ts beside the implementation with a harness that builds it.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import type { PodRuntime, RuntimeEvent, RuntimePodStatus } from "./types.ts";

export interface RuntimeHarness {
  runtime: PodRuntime;
  /** Pods the runtime can run: one container that keeps running, or one that exits 0 soon. */
  longRunning(name: string): Pod;
  completing(name: string): Pod;
  /** Let time pass until `cond` holds (a fake clock advances; a real runtime polls). */
  waitFor(cond: () => Promise<boolean>, what: string): Promise<void>;
  close(): Promise<void>;
}

const state = (s: RuntimePodStatus | undefined, i = 0) => s?.containers[i]?.current.state;

export function describeRuntime(name: string, makeHarness: () => Promise<RuntimeHarness> | RuntimeHarness) {
  describe(`${name} runtime conformance`, () => {
    let h: RuntimeHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.close();
    });

    const running = (uid: string) => async () => state(await h.runtime.podStatus(uid)) === "running";

    test("a created pod's container becomes running, with an id in the runtime's scheme", async () => {
      const pod = h.longRunning("web");
      await h.runtime.createPod(pod);
      await h.waitFor(running(pod.metadata!.uid!), "the container to run");
      const st = (await h.runtime.podStatus(pod.metadata!.uid!))!;
      expect({ uid: st.uid, namespace: st.namespace, name: st.name }).toEqual({ uid: pod.metadata!.uid!, namespace: "default", name: "web" });
      const c = st.containers[0]!;
      expect(c.name).toBe(pod.spec!.containers[0]!.name);
      expect(c.image).toBe(pod.spec!.containers[0]!.image!);
      expect(c.imageID).not.toBe("");
      expect(c.containerID.startsWith(`${h.runtime.name}://`)).toBe(true);
      expect(c.restartCount).toBe(0);
      const cur = c.current;
      expect(cur.state === "running" && cur.startedAt > 0).toBe(true);
    });

    test("creating a pod the runtime already holds changes nothing", async () => {
      const pod = h.longRunning("twice");
      await h.runtime.createPod(pod);
      await h.waitFor(running(pod.metadata!.uid!), "the container to run");
      const before = (await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.containerID;
      await h.runtime.createPod(pod);
      expect((await h.runtime.listPods()).filter((p) => p.uid === pod.metadata!.uid)).toHaveLength(1);
      expect((await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.containerID).toBe(before);
    });

    test("a run-to-completion pod's container exits 0 with reason Completed", async () => {
      const pod = h.completing("job");
      await h.runtime.createPod(pod);
      await h.waitFor(async () => state(await h.runtime.podStatus(pod.metadata!.uid!)) === "terminated", "the container to exit");
      const cur = (await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current;
      expect(cur.state === "terminated" && cur.exitCode === 0 && cur.reason === "Completed" && cur.finishedAt >= cur.startedAt).toBe(true);
    });

    test("deleting a pod stops it and forgets it; deleting again or deleting an unknown uid is fine", async () => {
      const pod = h.longRunning("gone");
      const uid = pod.metadata!.uid!;
      await h.runtime.createPod(pod);
      await h.waitFor(running(uid), "the container to run");
      await h.runtime.deletePod(uid, { gracePeriodSeconds: 1 });
      expect(await h.runtime.podStatus(uid)).toBeUndefined();
      expect((await h.runtime.listPods()).map((p) => p.uid)).not.toContain(uid);
      await h.runtime.deletePod(uid);
      await Promise.all([h.runtime.deletePod(uid), h.runtime.deletePod(uid)]);
      await h.runtime.deletePod("no-such-uid");
    });

    test("stopping a pod terminates its containers and keeps their state, without restarts, until it is deleted", async () => {
      const pod = h.longRunning("stopped");
      const uid = pod.metadata!.uid!;
      await h.runtime.createPod(pod);
      await h.waitFor(running(uid), "the container to run");
      await Promise.all([h.runtime.stopPod(uid, { gracePeriodSeconds: 1 }), h.runtime.stopPod(uid)]);
      const c = (await h.runtime.podStatus(uid))!.containers[0]!;
      expect(c.current.state).toBe("terminated");
      expect(c.restartCount).toBe(0);
      expect((await h.runtime.listPods()).map((p) => p.uid)).toContain(uid);
      await h.runtime.deletePod(uid);
      expect(await h.runtime.podStatus(uid)).toBeUndefined();
      await h.runtime.stopPod(uid);
    });

    test("listPods lists every pod created and not deleted", async () => {
      const pods = ["a", "b", "c"].map((n) => h.longRunning(n));
      for (const p of pods) await h.runtime.createPod(p);
      await h.runtime.deletePod(pods[1]!.metadata!.uid!);
      const listed = (await h.runtime.listPods()).map((p) => `${p.namespace}/${p.name}/${p.uid}`).sort();
      expect(listed).toEqual([pods[0]!, pods[2]!].map((p) => `default/${p.metadata!.name}/${p.metadata!.uid}`).sort());
    });

    test("listeners hear about a pod's changes until they unsubscribe", async () => {
      const seen: RuntimeEvent[] = [];
      const off = h.runtime.onEvent((e) => seen.push(e));
      const pod = h.longRunning("heard");
      await h.runtime.createPod(pod);
      await h.waitFor(running(pod.metadata!.uid!), "the container to run");
      expect(seen.some((e) => e.uid === pod.metadata!.uid && e.name === "heard" && e.namespace === "default")).toBe(true);
      off();
      const count = seen.length;
      await h.runtime.deletePod(pod.metadata!.uid!);
      expect(seen.length).toBe(count);
    });
  });
}
