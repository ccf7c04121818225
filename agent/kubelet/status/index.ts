// Pod status computation: pure functions from the pod and the runtime's view.
export { containersReadyCondition, initializedCondition, podConditions, readyCondition } from "./conditions.ts";
export { containerStatus, containerStatuses } from "./containers.ts";
export { jsonEqual } from "./equal.ts";
export { isTerminalPhase, podPhase, type PodPhase } from "./phase.ts";
export { computePodStatus, type StatusContext } from "./pod-status.ts";
export { qosClass, type QOSClass } from "./qos.ts";
export { microTime, rfc3339 } from "./time.ts";
