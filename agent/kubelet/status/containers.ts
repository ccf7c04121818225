// containerStatuses and initContainerStatuses from what the runtime reports. A container the
// runtime does not (yet) know is waiting: ContainerCreating, or PodInitializing behind init
// containers. Regular containers are sorted by name, init containers keep spec order (upstream).
import type { Container, ContainerState, ContainerStateTerminated, ContainerStatus, Pod } from "kubernetes-types/core/v1";
import type { RuntimeContainerStatus, RuntimePodStatus, TerminatedState } from "../../runtime/types.ts";
import { rfc3339 } from "./time.ts";

function terminated(t: TerminatedState): ContainerStateTerminated {
  const out: { -readonly [K in keyof ContainerStateTerminated]: ContainerStateTerminated[K] } = {
    exitCode: t.exitCode,
    reason: t.reason,
    startedAt: rfc3339(t.startedAt),
    finishedAt: rfc3339(t.finishedAt),
  };
  if (t.signal !== undefined) out.signal = t.signal;
  if (t.message) out.message = t.message;
  if (t.containerID) out.containerID = t.containerID;
  return out;
}

function apiState(rc: RuntimeContainerStatus["current"]): ContainerState {
  switch (rc.state) {
    case "waiting":
      return { waiting: rc.message ? { reason: rc.reason, message: rc.message } : { reason: rc.reason } };
    case "running":
      return { running: { startedAt: rfc3339(rc.startedAt) } };
    case "terminated":
      return { terminated: terminated(rc) };
  }
}

export function containerStatus(spec: Container, rc: RuntimeContainerStatus | undefined, waitingReason: string): ContainerStatus {
  if (!rc) {
    return { name: spec.name, state: { waiting: { reason: waitingReason } }, lastState: {}, ready: false, restartCount: 0, image: spec.image ?? "", imageID: "", started: false };
  }
  const running = rc.current.state === "running";
  const out: ContainerStatus = {
    name: spec.name,
    state: apiState(rc.current),
    lastState: rc.last ? { terminated: terminated(rc.last) } : {},
    ready: running && (rc.ready ?? true),
    restartCount: rc.restartCount,
    image: rc.image || spec.image || "",
    imageID: rc.imageID,
    started: running && (rc.started ?? true),
  };
  return rc.containerID ? { ...out, containerID: rc.containerID } : out;
}

export interface ContainerStatuses {
  initContainerStatuses: ContainerStatus[];
  containerStatuses: ContainerStatus[];
}

export function containerStatuses(pod: Pod, rt: RuntimePodStatus | undefined): ContainerStatuses {
  const spec = pod.spec;
  const inits = spec?.initContainers ?? [];
  const byName = (list: RuntimeContainerStatus[] | undefined) => new Map((list ?? []).map((c) => [c.name, c]));
  const rtInit = byName(rt?.initContainers);
  const rtMain = byName(rt?.containers);
  const mainWaiting = inits.length ? "PodInitializing" : "ContainerCreating";
  return {
    initContainerStatuses: inits.map((c, i) => containerStatus(c, rtInit.get(c.name), i === 0 ? "ContainerCreating" : "PodInitializing")),
    containerStatuses: (spec?.containers ?? [])
      .map((c) => containerStatus(c, rtMain.get(c.name), mainWaiting))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}
