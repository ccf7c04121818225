// The pod phase from its container statuses, as upstream's kubelet getPhase computes it
// (pkg/kubelet/kubelet_pods.go), sidecars (restartable init containers) included. A terminal
// phase never changes back.
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1";

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed";

export const isTerminalPhase = (p: string | undefined): p is "Succeeded" | "Failed" => p === "Succeeded" || p === "Failed";

export function podPhase(pod: Pod, init: readonly ContainerStatus[], main: readonly ContainerStatus[]): PodPhase {
  const old = pod.status?.phase;
  if (isTerminalPhase(old)) return old;
  const spec = pod.spec;
  const policy = spec?.restartPolicy ?? "Always";
  const initByName = new Map(init.map((s) => [s.name, s]));
  const mainByName = new Map(main.map((s) => [s.name, s]));

  let pendingInit = 0;
  let pendingSidecars = 0;
  let failedInit = 0;
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  for (const c of spec?.initContainers ?? []) {
    const s = initByName.get(c.name);
    if (c.restartPolicy === "Always") {
      if (!s) unknown++;
      else if (s.state?.running) {
        if (!s.started) pendingSidecars++;
        running++;
      } else if (s.state?.terminated) {
        // a stopped sidecar does not count
      } else if (s.state?.waiting) {
        if (!s.lastState?.terminated) pendingSidecars++;
      } else {
        pendingSidecars++;
        unknown++;
      }
      continue;
    }
    if (!s || s.state?.running) pendingInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state?.waiting && s.lastState?.terminated) {
      if (s.lastState.terminated.exitCode !== 0) failedInit++;
    } else pendingInit++;
  }

  for (const c of spec?.containers ?? []) {
    const s = mainByName.get(c.name);
    if (!s) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  if (failedInit > 0 && policy === "Never") return "Failed";
  if (pendingInit > 0 || pendingSidecars > 0) return "Pending";
  if (waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}
