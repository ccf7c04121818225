import { expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PodPaths } from "./paths.ts";
import type { Runc } from "./runc.ts";
import { adoptRun } from "./run.ts";

test("adopting a run whose init is gone by the time its pid is looked at reports its exit as unknown", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kubun-run-"));
  using _ = { [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
  const paths = new PodPaths(dir, "uid-1").container("c");
  mkdirSync(paths.dir, { recursive: true });
  const gone = Bun.spawn(["true"]);
  await gone.exited;
  writeFileSync(paths.pidFile, String(gone.pid));
  // runc saw the init running a moment before it exited (and its parent, init, reaped it).
  const runc = { state: async (id: string) => ({ id, pid: gone.pid, status: "running", bundle: paths.bundle }) } as unknown as Runc;
  let cancelled = false;
  const timer = setTimeout(() => (cancelled = true), 2000);
  try {
    expect(await adoptRun(runc, "id", paths, 10, () => cancelled)).toBe("unknown");
  } finally {
    clearTimeout(timer);
  }
});

test("adopting a run whose pid now belongs to another child of this process neither reaps that child nor takes its exit", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kubun-run-"));
  using _ = { [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
  const paths = new PodPaths(dir, "uid-2").container("c");
  mkdirSync(paths.dir, { recursive: true });
  // Our own child (say an `ip` the new agent runs) under the pid the old run's init had.
  const child = Bun.spawn(["sh", "-c", "sleep 0.3; exit 7"]);
  writeFileSync(paths.pidFile, String(child.pid));
  writeFileSync(`${paths.pidFile}.start`, "1"); // the old init's start time: not this child's
  const runc = { state: async (id: string) => ({ id, pid: child.pid, status: "stopped", bundle: paths.bundle }) } as unknown as Runc;
  expect(await adoptRun(runc, "id", paths, 10, () => false)).toBe("unknown");
  expect(await child.exited).toBe(7);
});
