// One kubun server under test: spawn the built binary on loopback with its own data dir,
// time spawn → first 200 from /readyz, read its RSS, disk writes and CPU from /proc, stop it.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ApiClient } from "./client.ts";

export const ROOT = join(import.meta.dir, "..");
/** dist/kubun, or KUBUN_BINARY (a private build while dist/kubun is rebuilt, as for test/e2e). */
export const BINARY = process.env.KUBUN_BINARY || join(ROOT, "dist/kubun");

export interface SpawnOptions {
  dataDir: string;
  port: number;
  /** --datastore-endpoint; the server's default (sqlite in the data dir) when absent. */
  datastore?: string;
  /** How long to wait for /readyz before giving up. */
  timeoutMs?: number;
  /** The executable to run; dist/kubun when absent. */
  binary?: string;
}

export interface BenchServer {
  pid: number;
  dataDir: string;
  client: ApiClient;
  /** Spawn → first 200 from /readyz, in milliseconds. */
  readyMs: number;
  /** VmRSS from /proc/<pid>/status, bytes. */
  rssBytes(): number;
  /** write_bytes from /proc/<pid>/io: bytes the server sent (or dirtied) towards storage. */
  writeBytes(): number;
  /** utime + stime from /proc/<pid>/stat, seconds; after stop(), the last value read before it. */
  cpuSeconds(): number;
  /** The last 64 kB of its stdout and stderr, for error messages. */
  logs(): string;
  stop(): Promise<void>;
}

/** Builds dist/kubun with `bun run build` when it is missing (a missing KUBUN_BINARY is an error). */
export async function ensureBinary(): Promise<{ path: string; built: boolean; mtime: string }> {
  let built = false;
  if (process.env.KUBUN_BINARY && !existsSync(BINARY)) throw new Error(`KUBUN_BINARY=${BINARY} does not exist`);
  if (!existsSync(BINARY)) {
    const p = Bun.spawn(["bun", "run", "build"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    if (code !== 0 || !existsSync(BINARY)) throw new Error(`\`bun run build\` exited ${code}; the server cannot be benchmarked yet:\n${out}${err}`.trim());
    built = true;
  }
  return { path: BINARY, built, mtime: statSync(BINARY).mtime.toISOString() };
}

export async function spawnServer(options: SpawnOptions): Promise<BenchServer> {
  const { dataDir, port } = options;
  const args = [options.binary ?? BINARY, "server", "--data-dir", dataDir, "--https-listen-port", String(port), "--bind-address", "127.0.0.1", "--write-kubeconfig", join(dataDir, "kubeconfig.yaml"), "--disable-agent"];
  if (options.datastore) args.push("--datastore-endpoint", options.datastore);
  let output = "";
  const t0 = performance.now();
  const proc = Bun.spawn(args, { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: dataDir } });
  const drain = async (s: ReadableStream<Uint8Array>) => {
    const dec = new TextDecoder();
    for await (const c of s as unknown as AsyncIterable<Uint8Array>) output = (output + dec.decode(c, { stream: true })).slice(-65_536);
  };
  void drain(proc.stdout);
  void drain(proc.stderr);
  let lastCpu = 0;
  const readCpu = () => {
    if (proc.exitCode === null && proc.signalCode === null) lastCpu = cpuSeconds(proc.pid);
    return lastCpu;
  };
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    readCpu();
    proc.kill("SIGTERM");
    const killed = setTimeout(() => proc.kill("SIGKILL"), 10_000);
    await proc.exited;
    clearTimeout(killed);
  };

  const url = `https://127.0.0.1:${port}`;
  const tokenPath = join(dataDir, "server/cred/admin-token");
  const caPath = join(dataDir, "server/tls/server-ca.crt");
  const deadline = t0 + (options.timeoutMs ?? 20_000);
  let readyMs: number | undefined;
  let caPem = "";
  let token = "";
  let lastStatus = "no answer";
  try {
    while (readyMs === undefined) {
      if (proc.exitCode !== null) throw new Error(`kubun server exited with ${proc.exitCode} before /readyz answered 200:\n${output}`);
      if (performance.now() > deadline) throw new Error(`kubun server did not answer 200 on /readyz within ${options.timeoutMs ?? 20_000} ms (last: ${lastStatus}):\n${output}`);
      // Re-read both until the first 200: a file may be caught half-written on first start.
      if (existsSync(caPath) && existsSync(tokenPath)) {
        caPem = readFileSync(caPath, "utf8");
        token = readFileSync(tokenPath, "utf8").trim();
        const res = await fetch(`${url}/readyz`, { headers: { authorization: `Bearer ${token}` }, tls: { ca: caPem } } as RequestInit).catch((err: unknown) => String(err));
        if (typeof res === "string") lastStatus = res;
        else {
          lastStatus = `HTTP ${res.status}`;
          await res.arrayBuffer();
          if (res.status === 200) readyMs = performance.now() - t0;
        }
      }
      if (readyMs === undefined) await Bun.sleep(2);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const pid = proc.pid;
  return {
    pid,
    dataDir,
    client: new ApiClient({ url, token, caPem }),
    readyMs,
    rssBytes: () => procField(`/proc/${pid}/status`, "VmRSS") * 1024,
    writeBytes: () => procField(`/proc/${pid}/io`, "write_bytes"),
    cpuSeconds: readCpu,
    logs: () => output,
    stop,
  };
}

/** A numeric `Name: value` field of a /proc file (the unit, if any, is left to the caller). */
export function procField(path: string, name: string): number {
  const text = readFileSync(path, "utf8");
  const m = new RegExp(`^${name}:\\s*(\\d+)`, "m").exec(text);
  if (!m) throw new Error(`${path} has no ${name} field`);
  return Number(m[1]);
}

const CLOCK_TICKS = Number(Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim()) || 100;

/** cutime + cstime of this process: CPU of the children (and their reaped descendants) it has waited for, seconds. */
export function childrenCpuSeconds(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** utime + stime of a process from /proc/<pid>/stat, seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
