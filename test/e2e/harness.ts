// End-to-end fixtures: spawn the built kubun binary with a temp data dir and a free port, and
// run the real kubectl (the versioned binaries beside the dispatcher) against it.
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const ROOT = join(import.meta.dir, "../..");
/** The built binary; KUBUN_BINARY points elsewhere (a private build while others rebuild dist/kubun). */
export const BINARY = process.env.KUBUN_BINARY || join(ROOT, "dist/kubun");

export function requireBinary() {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run \`bun run build\` first (test/run.sh does)`);
}

export function kubectlPath(version?: string): string {
  const which = Bun.which("kubectl");
  if (!which) throw new Error("kubectl is not on PATH: install kubectl 1.27–1.33 (the dispatcher and kubectl.1.NN binaries)");
  if (!version) return which;
  const p = join(dirname(realpathSync(which)), `kubectl.${version}`);
  if (!existsSync(p)) throw new Error(`${p} is missing: the versioned kubectl ${version} must sit beside the dispatcher`);
  return p;
}

export async function freePort(): Promise<number> {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Cluster {
  dir: string;
  port: number;
  kubeconfig: string;
  token: string;
  caPem: string;
  url: string;
  logs(): string;
  kubectl(args: string[], opts?: { version?: string; stdin?: string; env?: Record<string, string> }): Promise<KubectlResult>;
  /** kubectl that must succeed and print no warnings; returns stdout. */
  k(args: string[], opts?: { version?: string; stdin?: string; env?: Record<string, string> }): Promise<string>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Stop the server and start it again on the same data dir and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}

export interface ClusterOptions {
  /** Run the server's local agent (real pods with runc; needs root): no --disable-agent. */
  agent?: boolean;
}

export async function startCluster(extraArgs: string[] = [], opts: ClusterOptions = {}): Promise<Cluster> {
  requireBinary();
  const dir = mkdtempSync(join(tmpdir(), "kubun-e2e-"));
  const port = await freePort();
  const kubeconfig = join(dir, "kubeconfig.yaml");
  let output = "";
  const args = [BINARY, "server", "--data-dir", join(dir, "data"), "--https-listen-port", String(port), "--bind-address", "127.0.0.1", "--write-kubeconfig", kubeconfig, ...(opts.agent ? [] : ["--disable-agent"]), ...extraArgs];
  const collect = async (s: ReadableStream<Uint8Array>) => {
    for await (const c of s as unknown as AsyncIterable<Uint8Array>) output += new TextDecoder().decode(c);
  };
  const spawn = () => {
    const p = Bun.spawn(args, { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: dir } });
    collect(p.stdout);
    collect(p.stderr);
    return p;
  };
  let proc = spawn();
  const url = `https://127.0.0.1:${port}`;
  const cacheDir = join(dir, "kubecache");
  await waitFor(`the kubeconfig at ${kubeconfig} (server output:\n${output})`, () => (existsSync(kubeconfig) ? true : proc.exitCode !== null ? Promise.reject(new Error(`kubun server exited with ${proc.exitCode}:\n${output}`)) : undefined));
  const token = readFileSync(join(dir, "data/server/cred/admin-token"), "utf8").trim();
  const caPem = readFileSync(join(dir, "data/server/tls/server-ca.crt"), "utf8");
  const doFetch = (path: string, init: RequestInit = {}) =>
    fetch(url + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) }, tls: { ca: caPem } } as RequestInit);
  await waitFor("/readyz", async () => ((await doFetch("/readyz").catch(() => undefined))?.ok ? true : undefined));

  const kubectl = async (args: string[], opts: { version?: string; stdin?: string; env?: Record<string, string> } = {}) => {
    const p = Bun.spawn([kubectlPath(opts.version), "--kubeconfig", kubeconfig, ...args], {
      stdin: opts.stdin !== undefined ? new Blob([opts.stdin]) : "ignore",
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "", HOME: dir, KUBECACHEDIR: cacheDir, ...opts.env },
    });
    const [stdout, stderr] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text()]);
    return { code: await p.exited, stdout, stderr };
  };
  const cluster: Cluster = {
    dir,
    port,
    kubeconfig,
    token,
    caPem,
    url,
    logs: () => output,
    kubectl,
    async k(args, opts) {
      const r = await kubectl(args, opts);
      if (r.code !== 0 || r.stderr.trim()) {
        throw new Error(`kubectl ${args.join(" ")} (version ${opts?.version ?? "dispatcher"}) exited ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
      }
      return r.stdout;
    },
    fetch: doFetch,
    async restart() {
      proc.kill("SIGTERM");
      await proc.exited;
      proc = spawn();
      await waitFor("/readyz after a restart", async () => ((await doFetch("/readyz").catch(() => undefined))?.ok ? true : undefined));
    },
    async stop() {
      if (process.env.KUBUN_E2E_LOGS) console.error(output);
      proc.kill("SIGTERM");
      await proc.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

export function writeTemp(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

export { waitFor };
