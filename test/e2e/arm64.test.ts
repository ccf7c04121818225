// The Raspberry Pi build: cross-compiled for linux/arm64 and smoke-run under qemu user emulation.
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./harness.ts";

function arm64Sysroot(): string {
  const r = Bun.spawnSync(["dpkg", "-L", "libc6-arm64-cross"]);
  const dir = r.stdout.toString().split("\n").find((l) => l.endsWith("/aarch64-linux-gnu"));
  if (!dir) throw new Error("libc6-arm64-cross is not installed: apt-get install libc6-arm64-cross (test/setup.sh does)");
  return dir;
}

test("bun run build:arm64 writes an aarch64 binary that runs under qemu", async () => {
  const qemu = Bun.which("qemu-aarch64-static");
  if (!qemu) throw new Error("qemu-aarch64-static is missing: apt-get install qemu-user-static (test/setup.sh does)");
  const build = Bun.spawnSync(["bun", "run", "build:arm64"], { cwd: ROOT, stderr: "pipe" });
  expect(build.exitCode).toBe(0);
  const bin = join(ROOT, "dist/kubun-linux-arm64");
  expect(existsSync(bin)).toBe(true);
  const file = Bun.spawnSync(["od", "-An", "-tx1", "-j18", "-N2", bin]).stdout.toString().trim();
  expect(file).toBe("b7 00"); // ELF e_machine EM_AARCH64
  const run = Bun.spawnSync([qemu, "-L", arm64Sysroot(), bin, "version"], { stdout: "pipe", stderr: "pipe" });
  expect(run.stderr.toString()).toBe("");
  expect(run.stdout.toString()).toContain("kubun version v");
}, 120_000);
