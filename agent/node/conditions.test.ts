import { describe, expect, test } from "bun:test";
import { nodeConditions, oldestHeartbeat, withHeartbeat } from "./conditions.ts";
import { osImage } from "./host.ts";

const T1 = "2026-11-22T00:00:00Z";
const T2 = "2026-11-22T00:01:00Z";

describe("node conditions", () => {
  test("a healthy node reports no pressure and Ready, with upstream's reasons", () => {
    const c = nodeConditions(undefined, { ready: true }, T1);
    expect(c.map((x) => [x.type, x.status, x.reason])).toEqual([
      ["MemoryPressure", "False", "KubeletHasSufficientMemory"],
      ["DiskPressure", "False", "KubeletHasNoDiskPressure"],
      ["PIDPressure", "False", "KubeletHasSufficientPID"],
      ["Ready", "True", "KubeletReady"],
    ]);
    expect(c.every((x) => x.lastHeartbeatTime === T1 && x.lastTransitionTime === T1)).toBe(true);
  });

  test("unchanged conditions come out equal to the old ones, so nothing is written", () => {
    const first = nodeConditions(undefined, { ready: true }, T1);
    expect(nodeConditions(first, { ready: true }, T2)).toEqual(first);
  });

  test("a changed condition takes the new time; conditions owned by others are kept", () => {
    const first = [...nodeConditions(undefined, { ready: true }, T1), { type: "NetworkUnavailable", status: "False", reason: "RouteCreated" }];
    const next = nodeConditions(first, { ready: false, notReadyMessage: "container runtime is down" }, T2);
    expect(next[0]).toEqual({ type: "NetworkUnavailable", status: "False", reason: "RouteCreated" });
    const ready = next.find((c) => c.type === "Ready")!;
    expect(ready).toMatchObject({ status: "False", reason: "KubeletNotReady", message: "container runtime is down", lastTransitionTime: T2, lastHeartbeatTime: T2 });
    expect(next.find((c) => c.type === "DiskPressure")!.lastTransitionTime).toBe(T1);
  });

  test("a write refreshes every kubelet heartbeat; the oldest one tells when the next report is due", () => {
    const c = withHeartbeat(nodeConditions(undefined, { ready: true }, T1), T2);
    expect(oldestHeartbeat(c)).toBe(Date.parse(T2));
    expect(oldestHeartbeat(undefined)).toBe(0);
  });

  test("the OS image is PRETTY_NAME from os-release", () => {
    expect(osImage('NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 13 (trixie)"\n')).toBe("Debian GNU/Linux 13 (trixie)");
    expect(osImage("")).toBe("Linux");
  });
});
