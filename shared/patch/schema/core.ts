// core/v1 types, from the patchStrategy / patchMergeKey / listType tags of k8s.io/api v0.32.
import { atomicList, mergeBy, primitiveMerge, struct, value, type Field, type SchemaTable } from "./types.ts";
import { objectRoot } from "./meta.ts";

const byType = (t?: string) => mergeBy("type", t);
const selector: Field = { type: "LabelSelector", atomic: true };

const container = {
  ports: mergeBy("containerPort", "ContainerPort", {
    listMapKeys: ["containerPort", "protocol"],
    keyDefaults: { protocol: "TCP" },
  }),
  env: mergeBy("name", "EnvVar"),
  envFrom: atomicList(),
  volumeMounts: mergeBy("mountPath", "VolumeMount"),
  volumeDevices: mergeBy("devicePath"),
  resources: value("ResourceRequirements"),
  resizePolicy: atomicList(),
  command: atomicList(),
  args: atomicList(),
};

export const coreTypes: SchemaTable = {
  Pod: { ...objectRoot, spec: value("PodSpec"), status: value("PodStatus") },
  PodTemplate: { ...objectRoot, template: value("PodTemplateSpec") },
  PodTemplateSpec: { metadata: value("ObjectMeta"), spec: value("PodSpec") },
  PodSpec: {
    volumes: mergeBy("name", "Volume", { retainKeys: true }),
    initContainers: mergeBy("name", "Container"),
    containers: mergeBy("name", "Container", { always: true }),
    ephemeralContainers: mergeBy("name", "EphemeralContainer"),
    imagePullSecrets: mergeBy("name"),
    hostAliases: mergeBy("ip", "HostAlias"),
    topologySpreadConstraints: mergeBy("topologyKey", "TopologySpreadConstraint", {
      listMapKeys: ["topologyKey", "whenUnsatisfiable"],
    }),
    schedulingGates: mergeBy("name"),
    resourceClaims: mergeBy("name", "PodResourceClaim", { retainKeys: true }),
    tolerations: atomicList(),
    readinessGates: atomicList(),
    affinity: struct("Affinity"),
  },
  Container: container,
  EphemeralContainer: container,
  ResourceRequirements: {
    claims: { listType: "map", listMapKeys: ["name"] },
  },
  Volume: {},
  TopologySpreadConstraint: { labelSelector: selector, matchLabelKeys: atomicList() },
  PodStatus: {
    conditions: byType("PodCondition"),
    podIPs: mergeBy("ip"),
    hostIPs: mergeBy("ip"),
    containerStatuses: atomicList(),
    initContainerStatuses: atomicList(),
    ephemeralContainerStatuses: atomicList(),
    resourceClaimStatuses: mergeBy("name", undefined, { retainKeys: true }),
  },

  Service: { ...objectRoot, spec: value("ServiceSpec"), status: value("ServiceStatus") },
  ServiceSpec: {
    ports: mergeBy("port", "ServicePort", { listMapKeys: ["port", "protocol"], keyDefaults: { protocol: "TCP" } }),
    selector: { atomic: true },
    clusterIPs: atomicList(),
    externalIPs: atomicList(),
    ipFamilies: atomicList(),
    loadBalancerSourceRanges: atomicList(),
  },
  ServiceStatus: { conditions: byType(), loadBalancer: value("LoadBalancerStatus") },
  LoadBalancerStatus: { ingress: atomicList() },

  Node: { ...objectRoot, spec: value("NodeSpec"), status: value("NodeStatus") },
  NodeSpec: { podCIDRs: primitiveMerge(), taints: atomicList() },
  NodeStatus: {
    conditions: byType("NodeCondition"),
    // Dual-stack nodes list two addresses of one type, so SSA treats the list as atomic.
    addresses: mergeBy("type", undefined, { listType: "atomic" }),
    images: atomicList(),
    volumesInUse: atomicList(),
    volumesAttached: atomicList(),
  },

  Namespace: { ...objectRoot, spec: value("NamespaceSpec"), status: value("NamespaceStatus") },
  NamespaceSpec: { finalizers: atomicList() },
  NamespaceStatus: { conditions: byType() },

  ConfigMap: { ...objectRoot },
  Secret: { ...objectRoot },
  ServiceAccount: { ...objectRoot, secrets: mergeBy("name"), imagePullSecrets: atomicList() },
  Endpoints: { ...objectRoot, subsets: atomicList() },
  Event: { ...objectRoot },
  LimitRange: { ...objectRoot },
  ResourceQuota: { ...objectRoot },

  PersistentVolumeClaim: {
    ...objectRoot,
    spec: value("PersistentVolumeClaimSpec"),
    status: value("PersistentVolumeClaimStatus"),
  },
  PersistentVolumeClaimSpec: { accessModes: atomicList(), selector },
  PersistentVolumeClaimStatus: { conditions: byType(), accessModes: atomicList() },
  PersistentVolume: { ...objectRoot, spec: value("PersistentVolumeSpec"), status: value("PersistentVolumeStatus") },
  PersistentVolumeSpec: { accessModes: atomicList(), mountOptions: atomicList() },
  PersistentVolumeStatus: {},
};
