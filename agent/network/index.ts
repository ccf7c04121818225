export * from "./ipam.ts";
export { openFileIpam, type FileIpam } from "./file-ipam.ts";
export { createBridgeNetwork, podCIDROf, type BridgeNetwork, type BridgeNetworkOptions, type PodNetwork } from "./pod-network.ts";
export { ensureBridge, removeBridge, gatewayOf } from "./bridge.ts";
export { ensureMasquerade, removeMasquerade, rulesFor } from "./masquerade.ts";
export { hostVethName } from "./veth.ts";
export { NetworkCommandError } from "./command.ts";
export * from "./files.ts";
