import { describe, expect, test } from "bun:test";
import { FakeClock } from "../../../shared/controller/index.ts";
import { runProbe, type ProbeIO } from "./probers.ts";
import { ProbeWorker } from "./worker.ts";

const flush = () => new Promise((r) => setTimeout(r, 0));
async function step(clock: FakeClock, seconds: number) {
  for (let i = 0; i < seconds; i++) {
    clock.advance(1000);
    await flush();
  }
}

const target = { podIP: "10.42.0.7", ports: new Map([["http", 8080]]) };
function fakeIO(over: Partial<ProbeIO> = {}): ProbeIO {
  return {
    exec: async () => ({ exitCode: 0, output: "" }),
    fetch: async () => ({ status: 200, statusText: "OK" }),
    connect: async () => {},
    ...over,
  };
}

describe("probers", () => {
  test("an exec probe succeeds on exit 0 and fails with the command's output otherwise", async () => {
    expect((await runProbe({ exec: { command: ["true"] } }, target, fakeIO())).ok).toBe(true);
    const r = await runProbe({ exec: { command: ["cat", "/tmp/alive"] } }, target, fakeIO({ exec: async () => ({ exitCode: 1, output: "cat: can't open '/tmp/alive': No such file or directory" }) }));
    expect(r).toEqual({ ok: false, output: "cat: can't open '/tmp/alive': No such file or directory" });
  });

  test("an httpGet probe calls the pod IP with named port, path and headers and accepts 200–399", async () => {
    const calls: { url: string; headers: Record<string, string>; insecure: boolean }[] = [];
    const io = fakeIO({ fetch: async (url, init) => (calls.push({ url, headers: init.headers, insecure: init.insecure }), { status: 302, statusText: "Found" }) });
    const r = await runProbe({ httpGet: { port: "http", path: "healthz", scheme: "HTTPS", httpHeaders: [{ name: "Host", value: "example" }] } }, target, io);
    expect(r.ok).toBe(true);
    expect(calls[0]).toMatchObject({ url: "https://10.42.0.7:8080/healthz", insecure: true, headers: { Host: "example" } });
    const bad = await runProbe({ httpGet: { port: 80 } }, target, fakeIO({ fetch: async () => ({ status: 500, statusText: "x" }) }));
    expect(bad).toEqual({ ok: false, output: "HTTP probe failed with statuscode: 500" });
  });

  test("a tcpSocket probe connects to the pod IP; a grpc probe answers a clear failure", async () => {
    const r = await runProbe({ tcpSocket: { port: 6379 } }, target, fakeIO({ connect: async () => { throw new Error("connection refused"); } }));
    expect(r).toEqual({ ok: false, output: "dial tcp 10.42.0.7:6379: connection refused" });
    expect((await runProbe({ grpc: { port: 9000 } }, target, fakeIO())).ok).toBe(false);
  });
});

describe("probe worker", () => {
  test("readiness waits the initial delay, then needs successThreshold successes in a row", async () => {
    const clock = new FakeClock();
    const results: boolean[] = [];
    let attempts = 0;
    const w = new ProbeWorker({ kind: "readiness", clock, probe: { initialDelaySeconds: 5, periodSeconds: 2, successThreshold: 2 }, attempt: async () => (attempts++, { ok: true }), onResult: (ok) => results.push(ok) }).start();
    await step(clock, 4);
    expect(attempts).toBe(0);
    await step(clock, 1);
    expect(attempts).toBe(1);
    expect(results).toEqual([]);
    await step(clock, 2);
    expect(results).toEqual([true]);
    w.stop();
    await step(clock, 10);
    expect(attempts).toBe(2);
  });

  test("liveness reports a failure after failureThreshold failures in a row, with each failure's output", async () => {
    const clock = new FakeClock();
    const results: boolean[] = [];
    const outputs: string[] = [];
    let ok = true;
    new ProbeWorker({ kind: "liveness", clock, probe: { periodSeconds: 1, failureThreshold: 2 }, attempt: async () => (ok ? { ok: true } : { ok: false, output: "gone" }), onResult: (r) => results.push(r), onFailure: (o) => outputs.push(o) }).start();
    await step(clock, 2);
    expect(results).toEqual([true]);
    ok = false;
    await step(clock, 1);
    expect(results).toEqual([true]);
    await step(clock, 1);
    expect(results).toEqual([true, false]);
    expect(outputs).toEqual(["gone", "gone"]);
  });

  test("a worker that is not enabled (startup pending) does not probe; startup stops after success", async () => {
    const clock = new FakeClock();
    let started = false;
    let liveAttempts = 0;
    let startAttempts = 0;
    new ProbeWorker({ kind: "liveness", clock, probe: { periodSeconds: 1 }, enabled: () => started, attempt: async () => (liveAttempts++, { ok: true }), onResult() {} }).start();
    new ProbeWorker({ kind: "startup", clock, probe: { periodSeconds: 1 }, attempt: async () => (startAttempts++, { ok: startAttempts >= 3, output: "no" }), onResult: (ok) => (started = ok) }).start();
    await step(clock, 3);
    expect(liveAttempts).toBe(0);
    await step(clock, 5);
    expect(startAttempts).toBe(3);
    expect(liveAttempts).toBeGreaterThan(0);
  });
});
