// Container lifecycle hooks (postStart, preStop) as upstream's kubelet runs them: `exec` in the
// container (runc exec), `httpGet` against the pod IP (the prober's request building, reused
// from agent/kubelet/probes), or `sleep`. A hook fails when its command exits non-zero or the
// HTTP request cannot be made; as upstream, an HTTP status code is not a failure for a hook.
// tcpSocket is not a hook handler (upstream keeps the field for compatibility; such a hook fails).
import type { Container, LifecycleHandler } from "kubernetes-types/core/v1";
import { netIO, runProbe, type ProbeIO } from "../../kubelet/probes/probers.ts";
import { execInContainer } from "./exec.ts";
import type { Runc } from "./runc.ts";

export interface HookTarget {
  runc: Runc;
  /** The runc id of the running container. */
  id: string;
  container: Container;
  podIP: string;
}

/** Runs the hook for at most `timeoutMs`: undefined when it succeeded, else why it failed. */
export async function runHook(h: LifecycleHandler, t: HookTarget, timeoutMs: number): Promise<string | undefined> {
  if (h.sleep) {
    await Bun.sleep(Math.max(0, Math.min(h.sleep.seconds * 1000, timeoutMs)));
    return undefined;
  }
  if (!h.exec && !h.httpGet) return h.tcpSocket ? "tcpSocket is not supported as a lifecycle hook handler" : "lifecycle hook has no handler (exec, httpGet, sleep)";
  const net = netIO(execIn(t));
  // Any answer is a success for a hook: only a request that fails is a failure.
  const io: ProbeIO = { ...net, fetch: async (url, init) => (await net.fetch(url, init), { status: 200, statusText: "OK" }) };
  const ports = new Map((t.container.ports ?? []).filter((p) => p.name).map((p) => [p.name!, p.containerPort]));
  const r = await runProbe({ exec: h.exec, httpGet: h.httpGet, timeoutSeconds: timeoutMs / 1000 }, { podIP: t.podIP, ports }, io);
  return r.ok ? undefined : r.output;
}

function execIn(t: HookTarget): ProbeIO["exec"] {
  return async (cmd, timeoutMs) => {
    const p = execInContainer(t.runc, t.id, cmd);
    const timer = setTimeout(() => p.kill(), timeoutMs);
    try {
      const [out, err, exitCode] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exit]);
      return { exitCode, output: (out + err).trim() };
    } finally {
      clearTimeout(timer);
    }
  };
}
