import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TokenRefresher } from "./token-files.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A refresher on a fake clock whose timers run when the test says. */
function fakeRefresher() {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const refresher = new TokenRefresher({
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, cancelled: false };
      timers.push(t);
      return { cancel: () => void (t.cancelled = true) };
    },
  });
  return {
    refresher,
    pending: () => timers.filter((t) => !t.cancelled).map((t) => t.at - now),
    /** Moves the clock to the next live timer and runs it. */
    async fire() {
      const t = timers.filter((x) => !x.cancelled).sort((a, b) => a.at - b.at)[0]!;
      timers.splice(timers.indexOf(t), 1);
      now = t.at;
      t.fn();
      await Bun.sleep(0);
    },
  };
}

describe("service account token files", () => {
  test("are replaced at 80% of the token's lifetime, keeping their mode, and again for each new token", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubun-token-"));
    dirs.push(dir);
    const file = join(dir, "token");
    writeFileSync(file, "t0", { mode: 0o440 });
    const f = fakeRefresher();
    let n = 0;
    const fetch = async () => ({ token: `t${++n}`, expirationTimestamp: new Date(1_000_000 + 2 * 3600_000 * n).toISOString() });
    f.refresher.track(file, 1_000_000, 1_000_000 + 3600_000, fetch);
    expect(f.pending()).toEqual([2_880_000]);
    await f.fire();
    expect(readFileSync(file, "utf8")).toBe("t1");
    expect(statSync(file).mode & 0o777).toBe(0o440);
    expect(f.pending()).toHaveLength(1);
    await f.fire();
    expect(readFileSync(file, "utf8")).toBe("t2");
  });

  test("stop once the pod's volume dir is gone, and retry after a failed request", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubun-token-"));
    dirs.push(dir);
    const file = join(dir, "token");
    writeFileSync(file, "t0");
    const f = fakeRefresher();
    let fail = true;
    f.refresher.track(file, 1_000_000, 1_000_000 + 1000_000, async () => {
      if (fail) throw new Error("503");
      return { token: "t1", expirationTimestamp: new Date(9_000_000).toISOString() };
    });
    await f.fire();
    expect(readFileSync(file, "utf8")).toBe("t0");
    expect(f.pending()).toEqual([30_000]);
    fail = false;
    rmSync(dir, { recursive: true });
    await f.fire();
    expect(f.pending()).toEqual([]);
    expect(f.refresher.size).toBe(0);
  });
});
