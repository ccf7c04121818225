// What makes a Service's endpoints worth another look: the Service itself changing, and any
// pod its selector picks (before or after the change) changing in a way endpoints can see.
import type { Pod } from "kubernetes-types/core/v1";
import { keyOf, type Informer } from "../../../shared/controller/index.ts";
import { GroupedCache, sameJson } from "./cache.ts";
import { isPodReady, selects, type PodObject, type ServiceObject } from "./pods.ts";

export interface TriggerOptions {
  services: Informer<ServiceObject>;
  pods: Informer<PodObject>;
  enqueue(serviceKey: string): void;
}

/** The parts of a pod endpoints are made of. */
function endpointView(pod: Pod) {
  return {
    labels: pod.metadata?.labels ?? {},
    ips: [pod.status?.podIP, pod.status?.podIPs],
    ready: isPodReady(pod),
    phase: pod.status?.phase,
    terminating: !!pod.metadata?.deletionTimestamp,
    node: pod.spec?.nodeName,
    host: [pod.spec?.hostname, pod.spec?.subdomain],
    ports: (pod.spec?.containers ?? []).map((c) => c.ports ?? []),
  };
}

/** Subscribe; returns the unsubscribe function. */
export function watchServicePods(opts: TriggerOptions): () => void {
  const byNs = new GroupedCache(opts.services, (s) => s.metadata.namespace);
  const forPod = (pod: PodObject, old?: PodObject) => {
    for (const svc of byNs.get(pod.metadata.namespace ?? "")) {
      if (selects(svc, pod) || (old && selects(svc, old))) opts.enqueue(keyOf(svc));
    }
  };
  const offServices = opts.services.on({
    add: (s) => opts.enqueue(keyOf(s)),
    update: (_old, s) => opts.enqueue(keyOf(s)),
    delete: (s) => opts.enqueue(keyOf(s)),
  });
  const offPods = opts.pods.on({
    add: (p) => forPod(p),
    update: (old, p) => {
      if (!sameJson(endpointView(old), endpointView(p))) forPod(p, old);
    },
    delete: (p) => forPod(p),
  });
  return () => {
    offServices();
    offPods();
    byNs.unsubscribe();
  };
}
