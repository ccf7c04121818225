import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import { FakeClock } from "../../../shared/controller/index.ts";
import type { RuntimePodStatus } from "../../runtime/types.ts";
import { ProbeManager } from "./manager.ts";
import type { ProbeIO } from "./probers.ts";

const flush = () => new Promise((r) => setTimeout(r, 0));
async function step(clock: FakeClock, seconds: number) {
  for (let i = 0; i < seconds; i++) {
    clock.advance(1000);
    await flush();
  }
}

const pod: Pod = {
  metadata: { name: "p", namespace: "default", uid: "u1" },
  spec: {
    containers: [{
      name: "app",
      image: "busybox",
      readinessProbe: { exec: { command: ["test", "-f", "/tmp/ready"] }, periodSeconds: 1 },
      livenessProbe: { exec: { command: ["cat", "/tmp/alive"] }, periodSeconds: 1, failureThreshold: 1, terminationGracePeriodSeconds: 2 },
    }],
  },
};
const rt: RuntimePodStatus = {
  uid: "u1", namespace: "default", name: "p", createdAt: 0, ip: "10.42.0.9", initContainers: [],
  containers: [{ name: "app", image: "busybox", imageID: "", containerID: "runc://a", current: { state: "running", startedAt: 1 }, restartCount: 0 }],
};

describe("probe manager", () => {
  test("readiness drives ready; a liveness failure records Unhealthy and Killing and restarts with the probe's grace period", async () => {
    const clock = new FakeClock();
    const files = new Set<string>(["/tmp/alive"]);
    const io: ProbeIO = {
      exec: async (cmd) => (files.has(cmd.at(-1)!) ? { exitCode: 0, output: "" } : { exitCode: 1, output: `${cmd.at(-1)}: No such file or directory` }),
      fetch: async () => ({ status: 200, statusText: "OK" }),
      connect: async () => {},
    };
    const events: string[] = [];
    const restarts: string[] = [];
    let changed = 0;
    const m = new ProbeManager({ clock, io: () => io, changed: () => changed++, restart: async (uid, c, grace) => void restarts.push(`${uid}/${c}/${grace}`), events: { record: (_p, type, reason, msg) => events.push(`${type} ${reason} ${msg}`) } });
    expect(m.sync(pod, rt)!.containers[0]).toMatchObject({ ready: false, started: true });
    await step(clock, 2);
    expect(m.sync(pod, rt)!.containers[0]!.ready).toBe(false);
    files.add("/tmp/ready");
    await step(clock, 1);
    expect(changed).toBeGreaterThan(0);
    expect(m.sync(pod, rt)!.containers[0]!.ready).toBe(true);
    files.delete("/tmp/alive");
    await step(clock, 1);
    expect(events).toContain("Warning Unhealthy Liveness probe failed: /tmp/alive: No such file or directory");
    expect(events).toContain("Normal Killing Container app failed liveness probe, will be restarted");
    expect(restarts).toEqual(["u1/app/2"]);
    m.stop();
    expect(clock.pending).toBe(0);
  });
});
