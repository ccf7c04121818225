// The conditions the kubelet owns, as upstream generates them (pkg/kubelet/status/generate.go):
// PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled. Conditions owned
// by others (DisruptionTarget, readiness gates' own types) are kept. A condition whose status did
// not change keeps its lastTransitionTime.
import type { ContainerStatus, Pod, PodCondition } from "kubernetes-types/core/v1";
import type { PodPhase } from "./phase.ts";

const KUBELET_OWNED = new Set(["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]);

type Cond = { type: string; status: "True" | "False" | "Unknown"; reason?: string; message?: string };

/** Go prints a []string as "[a b]". */
const goList = (names: string[]) => `[${names.join(" ")}]`;

export function initializedCondition(pod: Pod, init: readonly ContainerStatus[], main: readonly ContainerStatus[], phase: PodPhase): Cond {
  const specs = pod.spec?.initContainers ?? [];
  if (!specs.length) return { type: "Initialized", status: "True" };
  const byName = new Map(init.map((s) => [s.name, s]));
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of specs) {
    const s = byName.get(c.name);
    if (!s) unknown.push(c.name);
    else if (c.restartPolicy === "Always") {
      if (!s.started) incomplete.push(c.name);
    } else if (!s.state?.terminated || s.state.terminated.exitCode !== 0) incomplete.push(c.name);
  }
  if (phase === "Succeeded" && !unknown.length) return { type: "Initialized", status: "True", reason: "PodCompleted" };
  const anyStarted = main.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
  if (anyStarted) return { type: "Initialized", status: "True" };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return { type: "Initialized", status: "False", reason: "ContainersNotInitialized", message: messages.join(", ") };
  return { type: "Initialized", status: "True" };
}

export function containersReadyCondition(pod: Pod, init: readonly ContainerStatus[], main: readonly ContainerStatus[], phase: PodPhase): Cond {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (name: string, s: ContainerStatus | undefined) => {
    if (!s) unknown.push(name);
    else if (!s.ready) unready.push(name);
  };
  const initByName = new Map(init.map((s) => [s.name, s]));
  const mainByName = new Map(main.map((s) => [s.name, s]));
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === "Always") check(c.name, initByName.get(c.name));
  for (const c of pod.spec?.containers ?? []) check(c.name, mainByName.get(c.name));
  if (phase === "Succeeded" && !unknown.length) return { type: "ContainersReady", status: "False", reason: "PodCompleted" };
  if (phase === "Failed") return { type: "ContainersReady", status: "False", reason: "PodFailed" };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return { type: "ContainersReady", status: "False", reason: "ContainersNotReady", message: messages.join(", ") };
  return { type: "ContainersReady", status: "True" };
}

export function readyCondition(pod: Pod, containersReady: Cond): Cond {
  if (containersReady.status !== "True") return { ...containersReady, type: "Ready" };
  const conditions = pod.status?.conditions ?? [];
  const messages: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== "True") messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length) return { type: "Ready", status: "False", reason: "ReadinessGatesNotReady", message: messages.join(", ") };
  return { type: "Ready", status: "True" };
}

export interface ConditionInput {
  init: readonly ContainerStatus[];
  main: readonly ContainerStatus[];
  phase: PodPhase;
  /** The runtime holds the pod (its sandbox and network exist). */
  sandboxReady: boolean;
  now: string;
}

export function podConditions(pod: Pod, input: ConditionInput): PodCondition[] {
  const { init, main, phase } = input;
  const containersReady = containersReadyCondition(pod, init, main, phase);
  const generated: Cond[] = [
    { type: "PodReadyToStartContainers", status: input.sandboxReady ? "True" : "False" },
    initializedCondition(pod, init, main, phase),
    readyCondition(pod, containersReady),
    containersReady,
    { type: "PodScheduled", status: "True" },
  ];
  const old = pod.status?.conditions ?? [];
  const kept = old.filter((c) => !KUBELET_OWNED.has(c.type));
  return [
    ...kept,
    ...generated.map((c): PodCondition => {
      const prev = old.find((o) => o.type === c.type);
      const lastTransitionTime = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : input.now;
      return { ...c, lastProbeTime: prev?.lastProbeTime, lastTransitionTime };
    }).map(dropUndefined),
  ];
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
