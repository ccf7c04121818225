import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { isZombie, Reaper } from "./reaper.ts";
import { becomeSubreaper, exitCodeOf } from "./subreaper.ts";

/** Starts `script` in the background of a shell that exits at once: the orphan's pid. */
async function orphan(script: string): Promise<number> {
  const p = Bun.spawn(["sh", "-c", `(${script}) >/dev/null 2>&1 & echo $!`], { stdout: "pipe" });
  const pid = Number((await new Response(p.stdout).text()).trim());
  await p.exited;
  return pid;
}

describe("reaping re-parented children", () => {
  test("wait statuses become exit codes: the code, or 128+signal", () => {
    expect(exitCodeOf(3 << 8)).toBe(3);
    expect(exitCodeOf(9)).toBe(137);
    expect(exitCodeOf(15)).toBe(143);
  });

  test("an orphan is re-parented to the subreaper, which collects its exit code or its signal", async () => {
    becomeSubreaper();
    const reaper = new Reaper(20);
    const exits = await orphan("sleep 0.2; exit 7");
    const killed = await orphan("sleep 30");
    const codes = Promise.all([reaper.exitOf(exits), reaper.exitOf(killed)]);
    process.kill(killed, "SIGKILL");
    expect(await codes).toEqual([7, 137]);
    expect(existsSync(`/proc/${exits}`)).toBe(false);
  });

  test("a pid that is not our child has no status to collect", async () => {
    expect(await new Reaper(20).exitOf(1)).toBeUndefined();
  });

  test("a zombie nobody waits for is reaped by the sweep once seen twice", async () => {
    becomeSubreaper();
    const reaper = new Reaper(20);
    const pid = await orphan("sleep 0.3");
    const end = Date.now() + 5000;
    while (!isZombie(pid) && Date.now() < end) await Bun.sleep(10);
    expect(isZombie(pid)).toBe(true);
    reaper.sweep();
    expect(isZombie(pid)).toBe(true);
    reaper.sweep();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });
});
