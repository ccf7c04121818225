// How probes reach a pod's containers: exec through the runtime (runc), the network for
// httpGet/tcpSocket. Simulated pods have neither: every probe succeeds there unless the pod's
// annotation `sim.kubun.io/probe-fail: "<container>/<kind>,…"` (kind: readiness, liveness,
// startup) lists it.
import type { Pod } from "kubernetes-types/core/v1";
import type { PodRuntime } from "../../runtime/types.ts";
import { netIO, type ProbeIO } from "./probers.ts";
import type { ProbeKind } from "./worker.ts";

export const SIM_PROBE_FAIL = "sim.kubun.io/probe-fail";

interface ExecCapable {
  exec(uid: string, container: string, cmd: string[], opts?: object): { stdout: ReadableStream<Uint8Array>; stderr: ReadableStream<Uint8Array>; exit: Promise<number>; kill(): void };
}

const canExec = (r: PodRuntime): r is PodRuntime & ExecCapable => typeof (r as Partial<ExecCapable>).exec === "function";

function execVia(runtime: PodRuntime & ExecCapable, uid: string, container: string): ProbeIO["exec"] {
  return async (cmd, timeoutMs) => {
    const p = runtime.exec(uid, container, cmd);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        p.kill();
        reject(new Error(`command "${cmd.join(" ")}" timed out`));
      }, timeoutMs);
    });
    try {
      const [out, err, exitCode] = await Promise.race([Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exit]), timeout]);
      return { exitCode, output: (out + err).trim() };
    } finally {
      clearTimeout(timer);
    }
  };
}

function simIO(pod: Pod, container: string, kind: ProbeKind): ProbeIO {
  const failing = new Set((pod.metadata?.annotations?.[SIM_PROBE_FAIL] ?? "").split(",").map((s) => s.trim()));
  const fail = failing.has(`${container}/${kind}`);
  const why = `${SIM_PROBE_FAIL} lists ${container}/${kind}`;
  return {
    exec: async () => (fail ? { exitCode: 1, output: why } : { exitCode: 0, output: "" }),
    fetch: async () => (fail ? { status: 500, statusText: why } : { status: 200, statusText: "OK" }),
    connect: async () => {
      if (fail) throw new Error(why);
    },
  };
}

export type ProbeIOFactory = (pod: Pod, container: string, kind: ProbeKind) => ProbeIO;

export function runtimeProbeIO(runtime: PodRuntime): ProbeIOFactory {
  return (pod, container, kind) => {
    if (!canExec(runtime)) return simIO(pod, container, kind);
    return netIO(execVia(runtime, pod.metadata?.uid ?? "", container));
  };
}
