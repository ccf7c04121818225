// Schema data: core/v1 nodes.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      Node: {
        d: "A worker machine in the cluster.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "NodeSpec; Configuration of the node: pod CIDR, taints, schedulability.",
          status: "NodeStatus; Observed state of the node, reported by its kubelet.",
        },
      },
      NodeSpec: {
        d: "Desired state of a node.",
        f: {
          configSource: "NodeConfigSource; Deprecated dynamic kubelet config source.",
          externalID: "string; Deprecated.",
          podCIDR: "string; Pod IP range assigned to the node.",
          podCIDRs: "[]string; Pod IP ranges assigned to the node, one per family.",
          providerID: "string; Cloud provider ID of the node.",
          taints: "[]Taint; Taints that repel pods without matching tolerations.",
          unschedulable: "boolean; When true, no new pods are scheduled here (cordoned).",
        },
      },
      NodeStatus: {
        d: "Observed state of a node.",
        f: {
          addresses: ["[]NodeAddress; Addresses of the node: InternalIP, ExternalIP, Hostname.", { patch: "merge", key: "type" }],
          allocatable: "{}Quantity; Resources available to pods.",
          capacity: "{}Quantity; Total resources of the node.",
          conditions: ["[]NodeCondition; Conditions of the node, e.g. Ready or MemoryPressure.", { patch: "merge", key: "type" }],
          config: "NodeConfigStatus; Deprecated dynamic kubelet config status.",
          daemonEndpoints: "NodeDaemonEndpoints; Endpoints of the node's daemons.",
          features: "any; Features supported by the node.",
          images: "[]ContainerImage; Container images present on the node.",
          nodeInfo: "NodeSystemInfo; Versions and identifiers of the node.",
          phase: "string; Deprecated.",
          runtimeHandlers: "[]NodeRuntimeHandler; Runtime handlers available on the node.",
          volumesAttached: "[]AttachedVolume; Volumes attached to the node.",
          volumesInUse: "[]string; Volumes in use on the node.",
        },
      },
      NodeConfigSource: {
        d: "Deprecated dynamic kubelet config source.",
        f: {
          configMap: "ConfigMapNodeConfigSource; The ConfigMap source.",
        },
      },
      Taint: {
        d: "Repels pods that do not tolerate it.",
        req: ["effect",  "key"],
        f: {
          effect: "string; NoSchedule, PreferNoSchedule or NoExecute.",
          key: "string; Taint key.",
          timeAdded: "Time; When a NoExecute taint was added.",
          value: "string; Taint value.",
        },
      },
      NodeAddress: {
        d: "An address of a node.",
        req: ["address",  "type"],
        f: {
          address: "string; The address.",
          type: "string; Hostname, ExternalIP, InternalIP, ExternalDNS or InternalDNS.",
        },
      },
      NodeCondition: {
        d: "One aspect of a node's state.",
        req: ["status",  "type"],
        f: {
          lastHeartbeatTime: "Time; When the node last reported this condition.",
          lastTransitionTime: "Time; When the condition last changed status.",
          message: "string; Human-readable details about the last transition.",
          reason: "string; One-word CamelCase reason for the last transition.",
          status: "string; Status of the condition: True, False or Unknown.",
          type: "string; Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.",
        },
      },
      NodeConfigStatus: {
        d: "Deprecated dynamic kubelet config status.",
        f: {
          active: "NodeConfigSource; Config in use.",
          assigned: "NodeConfigSource; Config the node should use.",
          error: "string; Error applying the config.",
          lastKnownGood: "NodeConfigSource; Last config known to work.",
        },
      },
      NodeDaemonEndpoints: {
        d: "Ports of daemons on a node.",
        f: {
          kubeletEndpoint: "DaemonEndpoint; Port the kubelet listens on.",
        },
      },
      NodeSystemInfo: {
        d: "Identifiers and versions reported by a node.",
        req: ["architecture",  "bootID",  "containerRuntimeVersion",  "kernelVersion",  "kubeProxyVersion",  "kubeletVersion",  "machineID",  "operatingSystem",  "osImage",  "systemUUID"],
        f: {
          architecture: "string; CPU architecture, e.g. amd64.",
          bootID: "string; Boot ID of the node.",
          containerRuntimeVersion: "string; Container runtime, as <name>://<version>.",
          kernelVersion: "string; Kernel version.",
          kubeProxyVersion: "string; Deprecated.",
          kubeletVersion: "string; Kubelet version.",
          machineID: "string; Machine ID of the node.",
          operatingSystem: "string; Operating system, e.g. linux.",
          osImage: "string; OS image, e.g. Debian GNU/Linux 12.",
          swap: "any; Swap memory of the node.",
          systemUUID: "string; System UUID of the node.",
        },
      },
      NodeRuntimeHandler: {
        d: "A runtime handler available on a node.",
        f: {
          features: "NodeRuntimeHandlerFeatures; Features of the handler.",
          name: "string; Name of the handler; empty for the default.",
        },
      },
      AttachedVolume: {
        d: "A volume attached to a node.",
        req: ["devicePath",  "name"],
        f: {
          devicePath: "string; Device path of the volume.",
          name: "string; Name of the volume.",
        },
      },
      ConfigMapNodeConfigSource: {
        d: "Deprecated: a ConfigMap with kubelet configuration.",
        req: ["kubeletConfigKey",  "name",  "namespace"],
        f: {
          kubeletConfigKey: "string; Key of the kubelet configuration in the ConfigMap.",
          name: "string; Name of the ConfigMap.",
          namespace: "string; Namespace of the ConfigMap.",
          resourceVersion: "string; Resource version of the ConfigMap.",
          uid: "string; UID of the ConfigMap.",
        },
      },
      DaemonEndpoint: {
        d: "A daemon's port.",
        req: ["Port"],
        f: {
          Port: "int32; Port number.",
        },
      },
      NodeRuntimeHandlerFeatures: {
        d: "Features of a runtime handler.",
        f: {
          recursiveReadOnlyMounts: "boolean; Supports recursive read-only mounts.",
        },
      },
    },
  },
];
