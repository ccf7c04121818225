// One probe attempt for each handler kind, as upstream's prober (pkg/probe/{exec,http,tcp}):
// a result and the output that explains a failure. Network and exec access are injected so
// tests fake them.
import type { Probe } from "kubernetes-types/core/v1";

export type ProbeResult = { ok: true; output?: string } | { ok: false; output: string };

export interface ProbeTarget {
  podIP: string;
  /** Named ports of the container, for `port: "http"`. */
  ports: ReadonlyMap<string, number>;
}

export interface ProbeIO {
  /** Run `cmd` in the container; resolves with its exit code and combined output. */
  exec(cmd: string[], timeoutMs: number): Promise<{ exitCode: number; output: string }>;
  fetch(url: string, init: { headers: Record<string, string>; timeoutMs: number; insecure: boolean }): Promise<{ status: number; statusText: string }>;
  connect(host: string, port: number, timeoutMs: number): Promise<void>;
}

function port(p: number | string | undefined, t: ProbeTarget): number | string {
  if (typeof p === "number") return p;
  if (p === undefined) return "";
  if (/^\d+$/.test(p)) return Number(p);
  return t.ports.get(p) ?? p;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runProbe(probe: Probe, target: ProbeTarget, io: ProbeIO): Promise<ProbeResult> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.exec) {
    const cmd = [...(probe.exec.command ?? [])];
    try {
      const r = await io.exec(cmd, timeoutMs);
      if (r.exitCode === 0) return { ok: true, output: r.output };
      return { ok: false, output: r.output || `command "${cmd.join(" ")}" exited with ${r.exitCode}` };
    } catch (e) {
      return { ok: false, output: message(e) };
    }
  }
  if (probe.httpGet) {
    const h = probe.httpGet;
    const p = port(h.port, target);
    if (typeof p !== "number") return { ok: false, output: `unknown port ${JSON.stringify(p)}` };
    const scheme = (h.scheme ?? "HTTP").toLowerCase();
    const host = h.host || target.podIP;
    const path = h.path ? (h.path.startsWith("/") ? h.path : `/${h.path}`) : "/";
    const url = `${scheme}://${host.includes(":") ? `[${host}]` : host}:${p}${path}`;
    const headers: Record<string, string> = { "User-Agent": "kube-probe/1.31", Accept: "*/*" };
    for (const hd of h.httpHeaders ?? []) headers[hd.name] = hd.value;
    try {
      const r = await io.fetch(url, { headers, timeoutMs, insecure: scheme === "https" });
      if (r.status >= 200 && r.status < 400) return { ok: true };
      return { ok: false, output: `HTTP probe failed with statuscode: ${r.status}` };
    } catch (e) {
      return { ok: false, output: `Get "${url}": ${message(e)}` };
    }
  }
  if (probe.tcpSocket) {
    const p = port(probe.tcpSocket.port, target);
    if (typeof p !== "number") return { ok: false, output: `unknown port ${JSON.stringify(p)}` };
    const host = probe.tcpSocket.host || target.podIP;
    try {
      await io.connect(host, p, timeoutMs);
      return { ok: true };
    } catch (e) {
      return { ok: false, output: `dial tcp ${host}:${p}: ${message(e)}` };
    }
  }
  if (probe.grpc) return { ok: false, output: "grpc probes are not supported by kubun" };
  return { ok: false, output: "probe has no handler (exec, httpGet, tcpSocket)" };
}

/** Real network access for probes (Bun's fetch and TCP connect). */
export function netIO(exec: ProbeIO["exec"]): ProbeIO {
  return {
    exec,
    async fetch(url, init) {
      const r = await fetch(url, { headers: init.headers, signal: AbortSignal.timeout(init.timeoutMs), redirect: "follow", tls: { rejectUnauthorized: !init.insecure } } as RequestInit);
      await r.body?.cancel();
      return { status: r.status, statusText: r.statusText };
    },
    connect(host, port, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("i/o timeout")), timeoutMs);
        Bun.connect({ hostname: host, port, socket: { data() {}, open(s) { clearTimeout(timer); s.end(); resolve(); }, connectError(_s, e) { clearTimeout(timer); reject(e); }, error() {} } }).catch((e) => {
          clearTimeout(timer);
          reject(e);
        });
      });
    },
  };
}
