// The kubelet's container events, from two successive runtime views of a pod (level-triggered:
// what changed between the last status seen and this one), with upstream's reasons and wording:
// Created/Started for a new run, BackOff for a crash loop or an image pull back-off, Failed for
// a pull error. The EventRecorder deduplicates repeats. Runs older than `since` (adopted after
// an agent restart) are not announced again.
import type { Pod } from "kubernetes-types/core/v1";
import type { RuntimeContainerStatus, RuntimePodStatus } from "../runtime/types.ts";

export interface KubeletEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

function one(pod: Pod, prev: RuntimeContainerStatus | undefined, cur: RuntimeContainerStatus, since: number): KubeletEvent[] {
  const out: KubeletEvent[] = [];
  const c = cur.name;
  const now = cur.current;
  const before = prev?.current;
  if (now.state === "running") {
    const fresh = before?.state === "running" ? before.startedAt !== now.startedAt : now.startedAt >= since || prev !== undefined;
    if (fresh) out.push({ type: "Normal", reason: "Created", message: `Created container ${c}` }, { type: "Normal", reason: "Started", message: `Started container ${c}` });
    return out;
  }
  if (now.state !== "waiting") return out;
  const same = before?.state === "waiting" && before.reason === now.reason && prev?.restartCount === cur.restartCount;
  if (same) return out;
  const m = pod.metadata ?? {};
  switch (now.reason) {
    case "CrashLoopBackOff":
      out.push({ type: "Warning", reason: "BackOff", message: `Back-off restarting failed container ${c} in pod ${m.name}_${m.namespace}(${m.uid})` });
      break;
    case "ErrImagePull":
      if (now.message) out.push({ type: "Warning", reason: "Failed", message: `Failed to pull image "${cur.image}": ${now.message}` });
      out.push({ type: "Warning", reason: "Failed", message: "Error: ErrImagePull" });
      break;
    case "ImagePullBackOff":
      out.push({ type: "Normal", reason: "BackOff", message: `Back-off pulling image "${cur.image}"` });
      out.push({ type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff" });
      break;
  }
  return out;
}

export function containerEvents(pod: Pod, prev: RuntimePodStatus | undefined, cur: RuntimePodStatus, since: number): KubeletEvent[] {
  const byName = new Map([...(prev?.initContainers ?? []), ...(prev?.containers ?? [])].map((c) => [c.name, c]));
  return [...cur.initContainers, ...cur.containers].flatMap((c) => one(pod, byName.get(c.name), c, since));
}
