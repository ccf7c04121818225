// The kubelet's container events, from two successive runtime views of a pod (level-triggered:
// what changed between the last status seen and this one), with upstream's reasons and wording:
// Created/Started for a new run, BackOff for a crash loop. The EventRecorder deduplicates
// repeats. Runs older than `since` (adopted after an agent restart) are not announced again.
// Image pull events (Pulling, Pulled, Failed, BackOff) are not derived here: the runtime reports
// them as they happen (RuntimeEvent.event), since a status can pass through ErrImagePull between
// two views.
import type { Pod } from "kubernetes-types/core/v1";
import type { RuntimeContainerStatus, RuntimePodStatus } from "../runtime/types.ts";

export interface KubeletEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** The container the event is about (involvedObject.fieldPath). */
  container?: string;
}

/** Upstream's involvedObject.fieldPath of a container: `spec.containers{name}` or `spec.initContainers{name}`. */
export function containerFieldPath(pod: Pod, name: string): string {
  const init = pod.spec?.initContainers?.some((c) => c.name === name);
  return `spec.${init ? "initContainers" : "containers"}{${name}}`;
}

function one(pod: Pod, prev: RuntimeContainerStatus | undefined, cur: RuntimeContainerStatus, since: number): KubeletEvent[] {
  const out: KubeletEvent[] = [];
  const c = cur.name;
  const now = cur.current;
  const before = prev?.current;
  if (now.state === "running") {
    const fresh = before?.state === "running" ? before.startedAt !== now.startedAt : now.startedAt >= since || prev !== undefined;
    if (fresh) out.push({ type: "Normal", reason: "Created", message: `Created container ${c}`, container: c }, { type: "Normal", reason: "Started", message: `Started container ${c}`, container: c });
    return out;
  }
  if (now.state !== "waiting") return out;
  const same = before?.state === "waiting" && before.reason === now.reason && prev?.restartCount === cur.restartCount;
  if (same) return out;
  const m = pod.metadata ?? {};
  if (now.reason === "CrashLoopBackOff") {
    out.push({ type: "Warning", reason: "BackOff", message: `Back-off restarting failed container ${c} in pod ${m.name}_${m.namespace}(${m.uid})`, container: c });
  }
  return out;
}

export function containerEvents(pod: Pod, prev: RuntimePodStatus | undefined, cur: RuntimePodStatus, since: number): KubeletEvent[] {
  const byName = new Map([...(prev?.initContainers ?? []), ...(prev?.containers ?? [])].map((c) => [c.name, c]));
  return [...cur.initContainers, ...cur.containers].flatMap((c) => one(pod, byName.get(c.name), c, since));
}
