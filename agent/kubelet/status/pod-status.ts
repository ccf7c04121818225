// The whole pod status the kubelet writes, from the pod (spec and previous status), what the
// runtime reports and the node's address: a pure function, so "did anything change" is a
// comparison of its result with the stored status.
import type { Pod, PodStatus } from "kubernetes-types/core/v1";
import type { RuntimePodStatus } from "../../runtime/types.ts";
import { podConditions } from "./conditions.ts";
import { containerStatuses } from "./containers.ts";
import { podPhase } from "./phase.ts";
import { qosClass } from "./qos.ts";
import { rfc3339 } from "./time.ts";

export interface StatusContext {
  /** Epoch milliseconds. */
  now: number;
  /** The node's InternalIP. */
  hostIP: string;
}

export function computePodStatus(pod: Pod, rt: RuntimePodStatus | undefined, ctx: StatusContext): PodStatus {
  const old = pod.status ?? {};
  const now = rfc3339(ctx.now);
  const { initContainerStatuses, containerStatuses: main } = containerStatuses(pod, rt);
  const phase = podPhase(pod, initContainerStatuses, main);
  const status: { -readonly [K in keyof PodStatus]: PodStatus[K] } = {
    phase,
    conditions: podConditions(pod, { init: initContainerStatuses, main, phase, sandboxReady: rt !== undefined, now }),
    hostIP: ctx.hostIP,
    hostIPs: [{ ip: ctx.hostIP }],
  };
  const ip = rt?.ip ?? old.podIP;
  if (ip) {
    status.podIP = ip;
    status.podIPs = [{ ip }];
  }
  status.startTime = old.startTime ?? now;
  if (initContainerStatuses.length) status.initContainerStatuses = initContainerStatuses;
  status.containerStatuses = main;
  status.qosClass = old.qosClass ?? qosClass(pod);
  if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
  return status;
}
