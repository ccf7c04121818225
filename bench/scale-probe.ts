// A light API probe while the cluster is busy: every `everyMs`, GET one ConfigMap and LIST one
// page of the bench namespace's pods, one after the other; every latency kept, errors counted.
import type { ApiClient } from "./client.ts";

export interface ProbeSamples {
  get: number[];
  list: number[];
  errors: number;
  firstError?: string;
}

export function startProbe(client: ApiClient, options: { namespace: string; configMap: string; listLimit: number; everyMs: number }): { samples: ProbeSamples; stop(): Promise<ProbeSamples> } {
  const samples: ProbeSamples = { get: [], list: [], errors: 0 };
  let stopped = false;
  const timed = async (into: number[], call: () => Promise<unknown>) => {
    const t0 = performance.now();
    try {
      await call();
      into.push(performance.now() - t0);
    } catch (err) {
      samples.errors += 1;
      samples.firstError ??= err instanceof Error ? err.message : String(err);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      await timed(samples.get, () => client.getConfigMap(options.namespace, options.configMap));
      await timed(samples.list, () => client.json("GET", `/api/v1/namespaces/${options.namespace}/pods?limit=${options.listLimit}`));
      const rest = options.everyMs - (performance.now() - t0);
      if (rest > 0 && !stopped) await Bun.sleep(rest);
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}
