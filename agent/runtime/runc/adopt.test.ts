// Adoption by another agent process: the containers are not its children, so exits that happen
// while it watches (or before it came) cannot be known.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { join } from "node:path";
import { becomeSubreaper, leaveSubreaper } from "./subreaper.ts";
import { runcHarness, shPod, waitUntil, type RuncHarness } from "./testing.ts";

let h: RuncHarness;
beforeEach(async () => {
  h = await runcHarness();
});
afterEach(async () => {
  await h.close();
});

/** Runs `pod` in a runtime of another process on the harness's dirs, which exits once the container runs. */
async function runInOtherProcess(pod: object): Promise<void> {
  const script = `
    import { RuncRuntime } from ${JSON.stringify(join(import.meta.dir, "runtime.ts"))};
    import { busyboxResolver, waitUntil } from ${JSON.stringify(join(import.meta.dir, "testing.ts"))};
    import { createLogger } from ${JSON.stringify(join(import.meta.dir, "../../../shared/log.ts"))};
    const o = JSON.parse(process.env.OPTS);
    const rt = await RuncRuntime.open({ ...o, images: busyboxResolver(o.layer), log: createLogger("error") });
    await rt.createPod(o.pod);
    await waitUntil(async () => (await rt.podStatus(o.pod.metadata.uid))?.containers[0]?.current.state === "running", "running");
    await rt.close();
    process.exit(0);`;
  const { images: _, log: __, ...opts } = h.opts;
  const p = Bun.spawn([process.execPath, "-e", script], { env: { ...process.env, OPTS: JSON.stringify({ ...opts, layer: join(h.dir, "layer"), pod }) }, stderr: "pipe" });
  const code = await p.exited;
  if (code !== 0) throw new Error(`the other agent process failed: ${await new Response(p.stderr).text()}`);
}

test("a container of an earlier agent process that exits unseen is reported ContainerStatusUnknown, exit code 137", async () => {
  const pod = shPod("orphaned", "sleep 1; exit 3", { restartPolicy: "Never" });
  const uid = pod.metadata!.uid!;
  // Without the flag here, the container goes to init when the other process exits, as when a
  // service manager restarts the agent.
  leaveSubreaper();
  try {
    await runInOtherProcess(pod);
  } finally {
    becomeSubreaper();
  }
  const rt = await h.reopen();
  expect((await rt.podStatus(uid))!.containers[0]!.current.state).toBe("running");
  await waitUntil(async () => (await rt.podStatus(uid))!.containers[0]!.current.state === "terminated", "the adopted container's end");
  expect((await rt.podStatus(uid))!.containers[0]!.current).toMatchObject({
    state: "terminated",
    exitCode: 137,
    reason: "ContainerStatusUnknown",
    message: "The container could not be located when the pod was terminated",
  });
});

test("a container of an earlier agent process re-parented to this one still reports its exit code", async () => {
  const pod = shPod("inherited", "sleep 1; exit 3", { restartPolicy: "Never" });
  const uid = pod.metadata!.uid!;
  becomeSubreaper();
  await runInOtherProcess(pod);
  const rt = await h.reopen();
  await waitUntil(async () => (await rt.podStatus(uid))!.containers[0]!.current.state === "terminated", "the adopted container's end");
  expect((await rt.podStatus(uid))!.containers[0]!.current).toMatchObject({ state: "terminated", exitCode: 3, reason: "Error" });
});
