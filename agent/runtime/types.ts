// The node's container runtime, virtual-kubelet style: a few calls over whole pods. The kubelet
// decides what should run (from the API); a runtime only runs it and reports what it sees.
// Two implementations share this interface and one conformance suite (runtime.case.ts): the
// simulated runtime (runtime/sim) and, later, runc.
import type { Pod } from "kubernetes-types/core/v1";

/** What a container did when it last stopped. Times are epoch milliseconds. */
export interface TerminatedState {
  exitCode: number;
  signal?: number;
  /** "Completed" (exit 0), "Error", "OOMKilled", … */
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export type ContainerState =
  | { state: "waiting"; reason: string; message?: string }
  | { state: "running"; startedAt: number }
  | ({ state: "terminated" } & TerminatedState);

export interface RuntimeContainerStatus {
  name: string;
  /** The image as the pod spec names it, and the runtime's resolved id of it. */
  image: string;
  imageID: string;
  /** "sim://…", "runc://…"; empty until the container was first created. */
  containerID: string;
  current: ContainerState;
  /** The previous run, once the container has been restarted. */
  last?: TerminatedState;
  restartCount: number;
  /** Probe results; absent means "no probe" (started/ready follow running). */
  started?: boolean;
  ready?: boolean;
}

export interface RuntimePodStatus {
  uid: string;
  namespace: string;
  name: string;
  /** When the runtime accepted the pod (epoch ms). */
  createdAt: number;
  /** The pod's IP once its sandbox/network exists. */
  ip?: string;
  initContainers: RuntimeContainerStatus[];
  containers: RuntimeContainerStatus[];
}

/** The identity of a pod the runtime holds, as listPods reports it. */
export interface RuntimePodRef {
  uid: string;
  namespace: string;
  name: string;
}

/**
 * Something the runtime did for a container that the kubelet reports as a core/v1 Event about
 * the pod (image pulls: Pulling, Pulled, Failed, BackOff), with upstream's reason and wording.
 */
export interface ContainerEventReport {
  container: string;
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

/**
 * Something about a pod changed (a container started, exited, restarted, was stopped), or, with
 * `event`, the runtime has something to report about one of its containers.
 */
export interface RuntimeEvent {
  uid: string;
  namespace: string;
  name: string;
  event?: ContainerEventReport;
}

export interface DeletePodOptions {
  /** Seconds between the stop signal and a forced kill (the pod's terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
}

export interface PodRuntime {
  /** "sim", "runc": the scheme of containerIDs and of the node's containerRuntimeVersion. */
  readonly name: string;
  readonly version: string;
  /** Start running the pod. Creating a pod the runtime already holds (same uid) does nothing. */
  createPod(pod: Pod): Promise<void>;
  /**
   * Stop the pod's containers (stop signal, then a kill after the grace period) and keep their
   * final state for podStatus; resolves once they are stopped. Idempotent; nothing restarts.
   */
  stopPod(uid: string, opts?: DeletePodOptions): Promise<void>;
  /** Stop the pod if it still runs, then forget it and free what it held. Idempotent. */
  deletePod(uid: string, opts?: DeletePodOptions): Promise<void>;
  /** The pod's current state, or undefined for a pod the runtime does not hold. */
  podStatus(uid: string): Promise<RuntimePodStatus | undefined>;
  listPods(): Promise<RuntimePodRef[]>;
  /** Subscribe to state changes; returns the unsubscribe function. */
  onEvent(listener: (e: RuntimeEvent) => void): () => void;
  /** Stop timers and release resources; pods keep running where the runtime allows it (runc). */
  close(): Promise<void>;
}
