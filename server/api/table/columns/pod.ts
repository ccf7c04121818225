// Pods: Ready "1/2", the aggregate Status reason as kubectl shows it, Restarts "3 (2m ago)".
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer, TableRowCondition } from "../types.ts";
import { parseTime, since } from "../duration.ts";
import { arr, get, num, obj, str, type Obj } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf } from "./common.ts";

interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

const isRestartable = (c: Obj | undefined): boolean => c?.restartPolicy === "Always";
const isTerminal = (phase: string): boolean => phase === "Succeeded" || phase === "Failed";

function hasTrueCondition(conditions: unknown, type: string): boolean {
  return arr(conditions).some((c) => c.type === type && c.status === "True");
}

/** Keeps the latest `lastState.terminated.finishedAt` seen so far. */
function laterRestart(current: Date | undefined, cs: Obj): Date | undefined {
  const finished = parseTime(get(cs, "lastState.terminated.finishedAt"));
  if (!finished) return current;
  return !current || finished > current ? finished : current;
}

function terminatedReason(term: Obj, prefix: string): string {
  if (str(term.reason)) return prefix + str(term.reason);
  if (num(term.signal)) return `${prefix}Signal:${num(term.signal)}`;
  return `${prefix}ExitCode:${num(term.exitCode)}`;
}

export function summarizePod(pod: KubeObject, now: Date): PodSummary {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const phase = str(status.phase);
  const initSpecs = arr(spec.initContainers);
  const initByName = new Map(initSpecs.map((c) => [str(c.name), c]));
  const total = arr(spec.containers).length + initSpecs.filter(isRestartable).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: Date | undefined;
  let lastSidecarRestart: Date | undefined;

  let reason = str(status.reason) || phase;
  if (arr(status.conditions).some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) {
    reason = "SchedulingGated";
  }

  let initializing = false;
  const initStatuses = arr(status.initContainerStatuses);
  for (const [i, cs] of initStatuses.entries()) {
    restarts += num(cs.restartCount);
    lastRestart = laterRestart(lastRestart, cs);
    const sidecar = isRestartable(initByName.get(str(cs.name)));
    if (sidecar) {
      sidecarRestarts += num(cs.restartCount);
      lastSidecarRestart = laterRestart(lastSidecarRestart, cs);
    }
    const term = get(cs, "state.terminated") as Obj | undefined;
    const waitingReason = str(get(cs, "state.waiting.reason"));
    if (term && num(term.exitCode) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready === true) ready++;
      continue;
    }
    if (term) reason = terminatedReason(term, "Init:");
    else if (waitingReason && waitingReason !== "PodInitializing") reason = `Init:${waitingReason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || hasTrueCondition(status.conditions, "Initialized")) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = arr(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += num(cs.restartCount);
      lastRestart = laterRestart(lastRestart, cs);
      const waitingReason = str(get(cs, "state.waiting.reason"));
      const term = get(cs, "state.terminated") as Obj | undefined;
      if (waitingReason) reason = waitingReason;
      else if (term) reason = terminatedReason(term, "");
      else if (cs.ready === true && get(cs, "state.running") != null) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = hasTrueCondition(status.conditions, "Ready") ? "Running" : "NotReady";
    }
  }

  const deleting = pod.metadata?.deletionTimestamp != null;
  if (deleting && status.reason === "NodeLost") reason = "Unknown";
  else if (deleting && !isTerminal(phase)) reason = "Terminating";

  let restartText = String(restarts);
  if (restarts !== 0 && lastRestart) restartText = `${restarts} (${since(lastRestart.toISOString(), now)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}

function readinessGates(pod: KubeObject): string {
  const gates = arr(get(pod, "spec.readinessGates"));
  if (gates.length === 0) return "<none>";
  const conditions = arr(get(pod, "status.conditions"));
  let trueCount = 0;
  for (const gate of gates) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c?.status === "True") trueCount++;
  }
  return `${trueCount}/${gates.length}`;
}

export const podPrinter: Printer = {
  columns: [
    nameColumn,
    column("Ready", "Ready containers out of all containers in the pod."),
    column("Status", "Summary of the pod's state, derived from its phase and container states."),
    column("Restarts", "Container restarts in this pod, and how long ago the last one was."),
    ageColumn,
    column("IP", "First IP address allocated to the pod.", { priority: 1 }),
    column("Node", "Node the pod is bound to.", { priority: 1 }),
    column("Nominated Node", "Node the scheduler nominated after preempting other pods.", { priority: 1 }),
    column("Readiness Gates", "Readiness gates whose condition is True, out of all gates.", { priority: 1 }),
  ],
  cells(pod: KubeObject, ctx: PrintContext) {
    const s = summarizePod(pod, ctx.now);
    const ip = str(arr(get(pod, "status.podIPs"))[0]?.ip) || str(get(pod, "status.podIP")) || "<none>";
    return [
      nameOf(pod),
      s.ready,
      s.status,
      s.restarts,
      ageOf(pod, ctx),
      ip,
      str(get(pod, "spec.nodeName")) || "<none>",
      str(get(pod, "status.nominatedNodeName")) || "<none>",
      readinessGates(pod),
    ];
  },
  conditions(pod: KubeObject): TableRowCondition[] | undefined {
    const phase = get(pod, "status.phase");
    if (phase === "Succeeded") {
      return [{ type: "Completed", status: "True", reason: "Succeeded", message: "The pod ran to completion." }];
    }
    if (phase === "Failed") {
      return [{ type: "Completed", status: "True", reason: "Failed", message: "The pod terminated with a failure." }];
    }
    return undefined;
  },
};
