// Service endpoints: the endpoints and endpointslice controllers (Services with selectors), and
// the API server's own `kubernetes` Service with its Endpoints and EndpointSlice.
export { startEndpointsController, type EndpointsControllerOptions } from "./endpoints-controller.ts";
export { startEndpointSliceController, type SliceControllerOptions } from "./slice-controller.ts";
export { ensureKubernetesService, startKubernetesService, type KubernetesServiceOptions } from "./kubernetes-service.ts";
