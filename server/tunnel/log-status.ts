// Whether a container has a log to show, judged from the pod's status the way the kubelet
// judges it (validateContainerLogStatus), with its messages: kubectl prints them as
// `Error from server (BadRequest): container "c" in pod "p" is waiting to start: ContainerCreating`.

import type { ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { errors } from "../../shared/api/errors.ts";

export function checkLogStatus(pod: Pod, container: string, previous: boolean): void {
  const st = pod.status ?? {};
  const name = pod.metadata?.name ?? "";
  const lists: (ContainerStatus[] | undefined)[] = [st.containerStatuses, st.initContainerStatuses, st.ephemeralContainerStatuses];
  const cs = lists.map((l) => l?.find((c) => c.name === container)).find(Boolean);
  const fail = (why: string) => errors.badRequest(`container "${container}" in pod "${name}" ${why}`);
  if (!cs) throw fail("is not available");
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) throw errors.badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    return;
  }
  if (running) return;
  if (terminated) {
    if (!terminated.containerID && !last?.containerID) throw fail("is terminated");
    return;
  }
  if (last) {
    if (!last.containerID) throw fail("is terminated");
    return;
  }
  if (waiting) {
    if (waiting.reason === "ErrImagePull") throw fail("is waiting to start: image can't be pulled");
    if (waiting.reason === "ImagePullBackOff") throw fail("is waiting to start: trying and failing to pull image");
    throw fail(`is waiting to start: ${waiting.reason ?? ""}`);
  }
  throw fail("is waiting to start - no logs yet");
}
