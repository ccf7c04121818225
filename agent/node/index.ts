// The node's own objects: its Node (registration, status written only on change) and its Lease.
export { KUBELET_CONDITIONS, nodeConditions, oldestHeartbeat, withHeartbeat, type NodeHealth } from "./conditions.ts";
export { goArch, hostFacts, osImage, type HostFacts } from "./host.ts";
export { LeaseRenewer, type LeaseObject, type LeaseOptions } from "./lease.ts";
export { defaultLabels, KUBELET_VERSION, newNode, nodeStatus, withOurMetadata, type NodeConfig, type NodeObject } from "./node-object.ts";
export { NODE_STATUS_REPORT_FREQUENCY_MS, NodeRegistration, type NodeRegistrationOptions } from "./registration.ts";
