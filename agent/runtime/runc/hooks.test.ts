import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { RuntimeEvent } from "../types.ts";
import { runHook } from "./hooks.ts";
import { Runc } from "./runc.ts";
import { runcHarness, shPod, waitUntil, type RuncHarness } from "./testing.ts";

let h: RuncHarness;
beforeEach(async () => {
  h = await runcHarness();
});
afterEach(async () => {
  await h.close();
});

const current = async (uid: string) => (await h.runtime.podStatus(uid))!.containers[0]!;
const running = (uid: string) => waitUntil(async () => (await current(uid)).current.state === "running", "the container to run");
async function logText(uid: string): Promise<string> {
  let out = "";
  for await (const chunk of h.runtime.logs(uid, "main")) out += new TextDecoder().decode(chunk);
  return out;
}
function events(): RuntimeEvent["event"][] {
  const seen: RuntimeEvent["event"][] = [];
  h.runtime.onEvent((e) => e.event && seen.push(e.event));
  return seen;
}

/** Prints what the preStop hook left in /tmp/hook when SIGTERM comes, then exits 0. */
const TERM_REPORTER = ["sh", "-c", "trap 'echo TERM; cat /tmp/hook; exit 0' TERM; echo up; sleep 3600 & wait"];

describe("runc lifecycle hooks", () => {
  test("preStop runs in the container before SIGTERM", async () => {
    const pod = shPod("prestop", TERM_REPORTER, {}, { lifecycle: { preStop: { exec: { command: ["sh", "-c", "echo hook ran > /tmp/hook"] } } } });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await running(uid);
    await waitUntil(async () => (await logText(uid)).includes("up"), "the trap to be set");
    await h.runtime.stopPod(uid, { gracePeriodSeconds: 5 });
    expect(await logText(uid)).toBe("up\nTERM\nhook ran\n");
    expect((await current(uid)).current).toMatchObject({ state: "terminated", exitCode: 0 });
  });

  test("a failing preStop hook is reported as FailedPreStopHook and the container still gets SIGTERM", async () => {
    const pod = shPod("badstop", TERM_REPORTER, {}, { lifecycle: { preStop: { exec: { command: ["sh", "-c", "echo partial > /tmp/hook; exit 1"] } } } });
    const uid = pod.metadata!.uid!;
    const seen = events();
    await h.runtime.createPod(pod);
    await running(uid);
    await waitUntil(async () => (await logText(uid)).includes("up"), "the trap to be set");
    await h.runtime.stopPod(uid, { gracePeriodSeconds: 5 });
    expect(await logText(uid)).toBe("up\nTERM\npartial\n");
    expect(seen).toContainEqual({ container: "main", type: "Warning", reason: "FailedPreStopHook", message: "PreStopHook failed" });
  });

  test("a preStop hook that outlasts the grace period is abandoned and the container killed", async () => {
    const pod = shPod("slowstop", ["sh", "-c", "trap '' TERM; sleep 3600 & wait"], {}, { lifecycle: { preStop: { exec: { command: ["sleep", "3600"] } } } });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await running(uid);
    await h.runtime.stopPod(uid, { gracePeriodSeconds: 1 });
    expect((await current(uid)).current).toMatchObject({ state: "terminated", exitCode: 137, signal: 9 });
  });

  test("postStart runs after the start; a failing one kills the run, reported as FailedPostStartHook, and the restart policy restarts it", async () => {
    const ok = shPod("poststart", "sleep 0.5; cat /tmp/started; sleep 3600", {}, { lifecycle: { postStart: { exec: { command: ["sh", "-c", "echo post-start > /tmp/started"] } } } });
    await h.runtime.createPod(ok);
    await waitUntil(async () => (await logText(ok.metadata!.uid!)).includes("post-start"), "the container to see the hook's file");

    const bad = shPod("badstart", ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"], { terminationGracePeriodSeconds: 1 }, { lifecycle: { postStart: { exec: { command: ["false"] } } } });
    const seen = events();
    await h.runtime.createPod(bad);
    await waitUntil(async () => (await current(bad.metadata!.uid!)).restartCount >= 1, "a restart after the failed hook");
    expect(seen).toContainEqual({ container: "main", type: "Warning", reason: "FailedPostStartHook", message: "PostStartHook failed" });
  });
});

describe("hook handlers", () => {
  const target = (port: number) => ({ runc: new Runc("/nonexistent"), id: "none", podIP: "127.0.0.1", container: { name: "c", ports: [{ name: "web", containerPort: port }] } });

  test("httpGet succeeds with any answer (a 500 too) and fails when nothing answers", async () => {
    const paths: string[] = [];
    using server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (req) => (paths.push(new URL(req.url).pathname), new Response("no", { status: 500 })) });
    expect(await runHook({ httpGet: { path: "/drain", port: "web" } }, target(server.port!), 2000)).toBeUndefined();
    expect(paths).toEqual(["/drain"]);
    server.stop(true);
    expect(await runHook({ httpGet: { path: "/drain", port: server.port! } }, target(server.port!), 2000)).toContain(`Get "http://127.0.0.1:${server.port}/drain"`);
  });

  test("sleep waits, at most for the time allowed; tcpSocket is not a hook handler", async () => {
    expect(await runHook({ sleep: { seconds: 3600 } }, target(1), 10)).toBeUndefined();
    expect(await runHook({ tcpSocket: { port: 1 } }, target(1), 10)).toBe("tcpSocket is not supported as a lifecycle hook handler");
  });
});
