// What upstream adds to Pods (not templates) on top of PodSpec defaulting: SetDefaults_Pod and
// the default admission plugins (ServiceAccount, Priority, DefaultTolerationSeconds), plus the
// QoS class the registry records on create.
import type { Container, Pod, PodSpec, Toleration } from "kubernetes-types/core/v1";
import { tryParseQuantity, type Quantity } from "../../../shared/quantity/index.ts";
import { defaultPodSpec } from "./pod-defaults.ts";

/** Requests default to limits, per container, for resources that have a limit only. */
function requestsFromLimits(c: Container) {
  const limits = c.resources?.limits;
  if (!limits || Object.keys(limits).length === 0) return;
  const requests = (c.resources!.requests ??= {});
  for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
}

const builtinPriorities: Record<string, number> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};

/** Server-wide pod defaults: kube-apiserver's --default-not-ready/unreachable-toleration-seconds. */
export interface PodDefaultsOptions {
  /** tolerationSeconds of the default node.kubernetes.io/not-ready:NoExecute toleration (300). */
  notReadyTolerationSeconds?: number;
  /** tolerationSeconds of the default node.kubernetes.io/unreachable:NoExecute toleration (300). */
  unreachableTolerationSeconds?: number;
}

/** The DefaultTolerationSeconds admission plugin: how long a pod stays on a failed node. */
function addDefaultTolerations(spec: PodSpec, opts: PodDefaultsOptions) {
  const tolerations: Toleration[] = spec.tolerations ?? [];
  const defaults: [string, number][] = [
    ["node.kubernetes.io/not-ready", opts.notReadyTolerationSeconds ?? 300],
    ["node.kubernetes.io/unreachable", opts.unreachableTolerationSeconds ?? 300],
  ];
  for (const [key, tolerationSeconds] of defaults) {
    const covered = tolerations.some((t) => (t.key === key || !t.key) && (t.effect === "NoExecute" || !t.effect));
    if (!covered) tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds });
  }
  spec.tolerations = tolerations;
}

type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

/** Upstream's GetPodQOS, for cpu and memory. */
export function podQOSClass(spec: PodSpec): QOSClass {
  const requests: Record<string, Quantity> = {};
  const limits: Record<string, Quantity> = {};
  let guaranteed = true;
  const sum = (into: Record<string, Quantity>, name: string, raw: unknown) => {
    if (name !== "cpu" && name !== "memory") return;
    const q = tryParseQuantity(raw);
    if (!q || q.isZero()) return;
    into[name] = into[name] ? into[name].add(q) : q;
  };
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) sum(requests, k, v);
    const found = new Set<string>();
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) {
      sum(limits, k, v);
      const q = tryParseQuantity(v);
      if ((k === "cpu" || k === "memory") && q && !q.isZero()) found.add(k);
    }
    if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return "BestEffort";
  if (guaranteed) {
    for (const [k, q] of Object.entries(requests)) if (!limits[k] || !limits[k].equals(q)) guaranteed = false;
    if (Object.keys(requests).length !== Object.keys(limits).length) guaranteed = false;
  }
  return guaranteed ? "Guaranteed" : "Burstable";
}

/** All Pod defaulting: PodSpec defaults, then the Pod-only and admission-time additions. */
export function defaultPod(pod: Pod, opts: PodDefaultsOptions = {}) {
  const spec = (pod.spec ??= { containers: [] });
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) requestsFromLimits(c);
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) p.hostPort ||= p.containerPort;
    }
  }
  if (!spec.serviceAccountName && !spec.serviceAccount) spec.serviceAccountName = "default";
  defaultPodSpec(spec);
  if (spec.priorityClassName) spec.priority ??= builtinPriorities[spec.priorityClassName];
  else spec.priority ??= 0;
  spec.preemptionPolicy ??= "PreemptLowerPriority";
  addDefaultTolerations(spec, opts);
  const status = (pod as { status?: Record<string, unknown> }).status;
  if (status && !status.qosClass) status.qosClass = podQOSClass(spec);
}
