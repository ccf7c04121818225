import { expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openBackend } from "./index.ts";

test("memory:// opens an empty in-memory store", async () => {
  const b = await openBackend("memory://");
  expect(b.currentRevision()).toBe(0);
  expect((await b.create("/k", "1")).ok).toBe(true);
  await b.close();
});

test("sqlite:/// opens a store file at the absolute path, creating its directory", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kubun-dsn-"));
  try {
    const path = join(dir, "data", "state.db");
    const b = await openBackend(`sqlite://${path}`);
    expect((await b.create("/k", "1")).ok).toBe(true);
    expect(existsSync(path)).toBe(true);
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an unknown scheme is refused with the list of supported ones", async () => {
  await expect(openBackend("mysql://db/kubun")).rejects.toThrow(
    'unsupported store DSN "mysql://db/kubun": scheme must be one of sqlite://, memory://, postgres://',
  );
  await expect(openBackend("/var/lib/state.db")).rejects.toThrow("unsupported store DSN");
});

test("postgres:// is recognised but not implemented yet", async () => {
  await expect(openBackend("postgres://localhost/kubun")).rejects.toThrow("store driver postgres:// is not implemented yet");
});

test("sqlite:// without a path is refused", async () => {
  await expect(openBackend("sqlite://")).rejects.toThrow('store DSN "sqlite://" has no file path');
});

test("sqlite:///path?maxBatch=1 opens a store that commits one write per transaction", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kubun-dsn-"));
  try {
    const b = await openBackend(`sqlite://${join(dir, "state.db")}?maxBatch=1`);
    await Promise.all(["/a", "/b", "/c"].map((k) => b.create(k, "1")));
    expect(b.stats!()).toEqual({ commits: 3, writes: 3 });
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("without maxBatch, writes issued together share one transaction", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kubun-dsn-"));
  try {
    const b = await openBackend(`sqlite://${join(dir, "state.db")}`);
    await Promise.all(["/a", "/b", "/c"].map((k) => b.create(k, "1")));
    expect(b.stats!()).toEqual({ commits: 1, writes: 3 });
    await b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an unknown sqlite DSN parameter or a bad value is refused, naming it", async () => {
  await expect(openBackend("sqlite:///tmp/x.db?maxBatch=0")).rejects.toThrow('maxBatch must be a positive integer, got "0"');
  await expect(openBackend("sqlite:///tmp/x.db?maxBatch=two")).rejects.toThrow('maxBatch must be a positive integer, got "two"');
  await expect(openBackend("sqlite:///tmp/x.db?cache=shared")).rejects.toThrow('unknown parameter "cache" (known: maxBatch, volatileFlushSeconds)');
  await expect(openBackend("sqlite:///tmp/x.db?volatileFlushSeconds=-1")).rejects.toThrow('volatileFlushSeconds must be a non-negative integer, got "-1"');
  await expect(openBackend("sqlite:///tmp/x.db?volatileFlushSeconds=2147484")).rejects.toThrow('volatileFlushSeconds must be at most 2147483 (a timer\'s limit), got "2147484"');
});
