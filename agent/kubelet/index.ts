// The kubelet's pod sync: pods bound to the node → runtime, runtime state → pod status.
export { Kubelet, type KubeletOptions } from "./kubelet.ts";
export { nodePodInformer, nodePodView, type PodObject, type PodSource } from "./source.ts";
export { StatusWriter } from "./status-writer.ts";
export { PodSyncer, type PodSyncDeps } from "./sync.ts";
