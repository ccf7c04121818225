// The types the endpoints controllers read and write, and the labels that tie slices to Services.
import type { ApiResource } from "../../../shared/client/index.ts";

export const SERVICES: ApiResource = { group: "", version: "v1", plural: "services", kind: "Service", namespaced: true };
export { PODS } from "../../../shared/controller/kinds.ts";
export const ENDPOINTS: ApiResource = { group: "", version: "v1", plural: "endpoints", kind: "Endpoints", namespaced: true };
export const ENDPOINT_SLICES: ApiResource = { group: "discovery.k8s.io", version: "v1", plural: "endpointslices", kind: "EndpointSlice", namespaced: true };

export const SERVICE_NAME_LABEL = "kubernetes.io/service-name";
export const MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
export const CONTROLLER_NAME = "endpointslice-controller.k8s.io";
/** On Endpoints a controller writes: the mirroring controller must not copy them into slices. */
export const SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";
export const HEADLESS_LABEL = "service.kubernetes.io/headless";
