import { afterEach, beforeEach, expect, test } from "bun:test";
import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RuntimeContainerStatus } from "../types.ts";
import { LogRotator, rotateLog } from "./log-rotation.ts";
import { logRunsOf, readLogs, type ReadLogOptions } from "./logs.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), "kubun-logs-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

/** A log file with its mtime set. */
function file(name: string, text: string, mtime: Date) {
  writeFileSync(join(dir, name), text);
  utimesSync(join(dir, name), mtime, mtime);
}

async function read(opts: ReadLogOptions = {}): Promise<string> {
  let out = "";
  for await (const c of readLogs(dir, opts)) out += new TextDecoder().decode(c);
  return out;
}

/** Run 1 in three parts: two rotated ones and the current file, a hole where their bytes were. */
function rotatedRun() {
  file("0.log", "old run\n", T(1));
  file("1.log.6", "a1\na2\n", T(10));
  file("1.log.12", "b1\nb2\n", T(20));
  file("1.log", "\0".repeat(12) + "c1\nc2", T(30));
}

test("the newest run is read with its rotated parts in order; previous reads the run before", async () => {
  rotatedRun();
  expect(await read()).toBe("a1\na2\nb1\nb2\nc1\nc2");
  expect(await read({ previous: true })).toBe("old run\n");
  expect(await read({ run: 0 })).toBe("old run\n");
});

test("tailLines counts lines across rotated parts; a last line without a newline counts", async () => {
  rotatedRun();
  expect(await read({ tailLines: 1 })).toBe("c2");
  expect(await read({ tailLines: 3 })).toBe("b2\nc1\nc2");
  expect(await read({ tailLines: 0 })).toBe("");
  expect(await read({ tailLines: 99 })).toBe("a1\na2\nb1\nb2\nc1\nc2");
  file("1.log", "\0".repeat(12) + "c1\nc2\n", T(30));
  expect(await read({ tailLines: 2 })).toBe("c1\nc2\n");
});

test("since leaves out parts that ended before it and keeps a part that ended after it whole", async () => {
  rotatedRun();
  expect(await read({ since: T(15) })).toBe("b1\nb2\nc1\nc2");
  expect(await read({ since: T(20) })).toBe("b1\nb2\nc1\nc2");
  expect(await read({ since: T(21) })).toBe("c1\nc2");
  expect(await read({ since: T(31) })).toBe("");
  expect(await read({ since: T(15), tailLines: 3 })).toBe("b2\nc1\nc2");
});

test("timestamps give each line its part's modification time, the latest it can have been written", async () => {
  rotatedRun();
  expect(await read({ timestamps: true, tailLines: 3 })).toBe(
    "2026-01-01T00:00:20Z b2\n2026-01-01T00:00:30Z c1\n2026-01-01T00:00:30Z c2",
  );
});

test("limitBytes cuts the output across parts, timestamps included", async () => {
  rotatedRun();
  expect(await read({ limitBytes: 8 })).toBe("a1\na2\nb1");
  expect(await read({ limitBytes: 25, timestamps: true })).toBe("2026-01-01T00:00:10Z a1\n2");
});

test("rotation moves the live bytes to a part, leaves a hole, keeps the last write time and at most maxFiles files per run", () => {
  const current = join(dir, "0.log");
  file("0.log", "x".repeat(100), T(5));
  expect(rotateLog(current, { maxBytes: 100, maxFiles: 3 })).toBeUndefined();
  appendFileSync(current, "y\n");
  utimesSync(current, T(6), T(6));
  const part = rotateLog(current, { maxBytes: 100, maxFiles: 3 })!;
  expect(part).toBe(join(dir, "0.log.102"));
  expect(readFileSync(part, "utf8")).toBe(`${"x".repeat(100)}y\n`);
  expect(statSync(part).mtime).toEqual(T(6));
  expect(readFileSync(current)).toEqual(Buffer.alloc(102));
  for (let i = 0; i < 3; i++) {
    appendFileSync(current, "z".repeat(101));
    rotateLog(current, { maxBytes: 100, maxFiles: 3 });
  }
  expect(readdirSync(dir).sort()).toEqual(["0.log", "0.log.304", "0.log.405"]);
  expect(readFileSync(join(dir, "0.log.405"), "utf8")).toBe("z".repeat(101));
});

test("the rotator rotates the runs being written and removes runs before the previous one", () => {
  file("0.log", "run 0\n", T(1));
  file("1.log", "run 1\n", T(2));
  file("2.log", "run 2 is long\n", T(3));
  const rotator = new LogRotator({ maxBytes: 8, maxFiles: 2, intervalMs: 3_600_000 }, () => [{ dir, writing: 2, keepFrom: 1 }]);
  try {
    rotator.sweep();
  } finally {
    rotator.close();
  }
  expect(readdirSync(dir).sort()).toEqual(["1.log", "2.log", "2.log.14"]);
});

test("a fast writer loses no line to rotations", async () => {
  const current = join(dir, "0.log");
  const fd = openSync(current, "a");
  const writer = Bun.spawn(["sh", "-c", 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); echo "line $i ........................................"; done'], { stdout: fd, stderr: fd });
  closeSync(fd);
  let rotations = 0;
  while (writer.exitCode === null) {
    if (rotateLog(current, { maxBytes: 20_000, maxFiles: 1_000_000 })) rotations++;
    await Bun.sleep(1);
  }
  expect(await writer.exited).toBe(0);
  expect(rotations).toBeGreaterThan(3);
  const numbers = (await read()).split("\n").filter(Boolean).map((l) => Number(l.split(" ")[1]));
  expect(numbers).toEqual(Array.from({ length: 20000 }, (_, i) => i + 1));
  // The holes free what was moved: once all is rotated, the file's disk use is far below its apparent size.
  rotateLog(current, { maxBytes: 0, maxFiles: 1_000_000 });
  const st = statSync(current);
  expect(st.size).toBeGreaterThan(900_000);
  expect(st.blocks * 512).toBeLessThan(64 * 1024);
});

test("a follower sees every byte once while the file is rotated under it, and stops when the run ends", async () => {
  const current = join(dir, "0.log");
  writeFileSync(current, "");
  let running = true;
  const got: string[] = [];
  const reader = (async () => {
    for await (const c of readLogs(dir, { follow: true, running: () => running, pollMs: 5 })) got.push(new TextDecoder().decode(c));
  })();
  let expected = "";
  for (let i = 0; i < 60; i++) {
    const line = `line ${i}\n`;
    appendFileSync(current, line);
    expected += line;
    if (i % 7 === 3) rotateLog(current, { maxBytes: 10, maxFiles: 100 });
    if (i % 3 === 0) await Bun.sleep(2);
  }
  running = false;
  await reader;
  expect(got.join("")).toBe(expected);
  expect(readdirSync(dir).filter((n) => n.startsWith("0.log.")).length).toBeGreaterThan(3);
});

test("a follower that asked for the last line gets it, then what is written later", async () => {
  file("0.log", "one\ntwo\n", T(1));
  let running = true;
  const out = { text: "" };
  const reader = (async () => {
    for await (const c of readLogs(dir, { follow: true, tailLines: 1, running: () => running, pollMs: 5 })) out.text += new TextDecoder().decode(c);
  })();
  const until = async (text: string) => {
    while (out.text !== text) await Bun.sleep(5);
  };
  await until("two\n");
  appendFileSync(join(dir, "0.log"), "three\n");
  await until("two\nthree\n");
  running = false;
  await reader;
  expect(out.text).toBe("two\nthree\n");
});

test("logs and --previous follow the container's status: during CrashLoopBackOff both are the last run", () => {
  const base = { name: "c", image: "busybox", imageID: "" };
  const id = (n: number) => `runc://kubun-uid-c-${n}`;
  const last = { exitCode: 1, reason: "Error", startedAt: 100, finishedAt: 200, containerID: id(2) };
  const running: RuntimeContainerStatus = { ...base, containerID: id(3), restartCount: 3, current: { state: "running", startedAt: 300 }, last };
  expect(logRunsOf(running)).toEqual({ current: { run: 3, startedAt: 300 }, previous: { run: 2, startedAt: 100 } });
  const backoff: RuntimeContainerStatus = { ...base, containerID: id(2), restartCount: 2, current: { state: "waiting", reason: "CrashLoopBackOff" }, last };
  expect(logRunsOf(backoff)).toEqual({ current: { run: 2, startedAt: 100 }, previous: { run: 2, startedAt: 100 } });
  const fresh: RuntimeContainerStatus = { ...base, containerID: "", restartCount: 0, current: { state: "waiting", reason: "ContainerCreating" } };
  expect(logRunsOf(fresh)).toEqual({ current: undefined, previous: undefined });
  expect(existsSync(dir)).toBe(true);
});
