// Schema data: apps/v1.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";
import { conditionFields } from "./condition.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.apps.v1",
    types: {
      Deployment: {
        d: "Declarative updates for pods through ReplicaSets, with rolling updates and rollbacks.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "DeploymentSpec; Desired state: replicas, selector, pod template and update strategy.",
          status: "DeploymentStatus; Most recently observed rollout state.",
        },
      },
      ReplicaSet: {
        d: "Keeps a stable number of identical pods running.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "ReplicaSetSpec; Desired replicas, selector and pod template.",
          status: "ReplicaSetStatus; Observed replica counts.",
        },
      },
      StatefulSet: {
        d: "Pods with stable identities and per-pod storage, created and updated in order.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "StatefulSetSpec; Desired state of the set.",
          status: "StatefulSetStatus; Observed state of the set.",
        },
      },
      DaemonSet: {
        d: "Runs a copy of a pod on every (selected) node.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "DaemonSetSpec; Desired state of the daemon set.",
          status: "DaemonSetStatus; Observed state of the daemon set.",
        },
      },
      ControllerRevision: {
        d: "An immutable snapshot of a controller's state, used for rollbacks.",
        req: ["revision"],
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          data: "RawExtension; The serialized state.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          revision: "int64; Revision number.",
        },
      },
      DeploymentSpec: {
        d: "Desired state of a deployment.",
        req: ["selector",  "template"],
        f: {
          minReadySeconds: "int32; Seconds a new pod must be ready without crashing to count as available.",
          paused: "boolean; Pause the rollout; template changes are not rolled out while paused.",
          progressDeadlineSeconds: "int32; Seconds a rollout may make no progress before it is marked failed; default 600.",
          replicas: "int32; Desired number of pods; default 1.",
          revisionHistoryLimit: "int32; How many old revisions to keep for rollbacks.",
          selector: "LabelSelector; Label query selecting the pods this object manages; must match the template labels.",
          strategy: ["DeploymentStrategy; How old pods are replaced: RollingUpdate (default) or Recreate.", { patch: "retainKeys" }],
          template: "core.PodTemplateSpec; Pod template used to create new pods.",
        },
      },
      DeploymentStatus: {
        d: "Observed state of a deployment.",
        f: {
          availableReplicas: "int32; Pods ready for at least minReadySeconds.",
          collisionCount: "int32; Counter used to avoid name collisions when hashing pod templates.",
          conditions: ["[]DeploymentCondition; Conditions such as Available and Progressing.", { patch: "merge", key: "type" }],
          observedGeneration: "int64; The metadata.generation this status was computed from.",
          readyReplicas: "int32; Pods that are ready.",
          replicas: "int32; Pods owned by the deployment (all revisions).",
          terminatingReplicas: "int32; Pods that are terminating.",
          unavailableReplicas: "int32; Pods still needed for full availability.",
          updatedReplicas: "int32; Pods running the current template.",
        },
      },
      ReplicaSetSpec: {
        d: "Desired state of a replica set.",
        req: ["selector"],
        f: {
          minReadySeconds: "int32; Seconds a new pod must be ready without crashing to count as available.",
          replicas: "int32; Desired number of pods; default 1.",
          selector: "LabelSelector; Label query selecting the pods this object manages; must match the template labels.",
          template: "core.PodTemplateSpec; Pod template used to create new pods.",
        },
      },
      ReplicaSetStatus: {
        d: "Observed state of a replica set.",
        req: ["replicas"],
        f: {
          availableReplicas: "int32; Pods ready for at least minReadySeconds.",
          conditions: ["[]ReplicaSetCondition; Conditions of the replica set.", { patch: "merge", key: "type" }],
          fullyLabeledReplicas: "int32; Pods whose labels match the template labels.",
          observedGeneration: "int64; The metadata.generation this status was computed from.",
          readyReplicas: "int32; Pods that are ready.",
          replicas: "int32; Pods currently owned.",
          terminatingReplicas: "int32; Pods that are terminating.",
        },
      },
      StatefulSetSpec: {
        d: "Desired state of a stateful set.",
        req: ["selector",  "serviceName",  "template"],
        f: {
          minReadySeconds: "int32; Seconds a new pod must be ready without crashing to count as available.",
          ordinals: "StatefulSetOrdinals; Ordinal numbering of the pods.",
          persistentVolumeClaimRetentionPolicy: "StatefulSetPersistentVolumeClaimRetentionPolicy; What happens to the PVCs when pods are deleted or scaled down.",
          podManagementPolicy: "string; OrderedReady (default) or Parallel.",
          replicas: "int32; Desired number of pods; default 1.",
          revisionHistoryLimit: "int32; How many old revisions to keep for rollbacks.",
          selector: "LabelSelector; Label query selecting the pods this object manages; must match the template labels.",
          serviceName: "string; Headless service that gives the pods their DNS names.",
          template: "core.PodTemplateSpec; Pod template used to create new pods.",
          updateStrategy: "StatefulSetUpdateStrategy; How pods are updated when the template changes.",
          volumeClaimTemplates: "[]core.PersistentVolumeClaim; PVC templates; each pod gets its own claim from each.",
        },
      },
      StatefulSetStatus: {
        d: "Observed state of a stateful set.",
        req: ["replicas"],
        f: {
          availableReplicas: "int32; Pods ready for at least minReadySeconds.",
          collisionCount: "int32; Counter used to avoid name collisions when hashing pod templates.",
          conditions: ["[]StatefulSetCondition; Conditions of the set.", { patch: "merge", key: "type" }],
          currentReplicas: "int32; Pods at currentRevision.",
          currentRevision: "string; Revision of the pods before the current update.",
          observedGeneration: "int64; The metadata.generation this status was computed from.",
          readyReplicas: "int32; Pods that are ready.",
          replicas: "int32; Pods created by the set.",
          updateRevision: "string; Revision the pods are being updated to.",
          updatedReplicas: "int32; Pods at updateRevision.",
        },
      },
      DaemonSetSpec: {
        d: "Desired state of a daemon set.",
        req: ["selector",  "template"],
        f: {
          minReadySeconds: "int32; Seconds a new pod must be ready without crashing to count as available.",
          revisionHistoryLimit: "int32; How many old revisions to keep for rollbacks.",
          selector: "LabelSelector; Label query selecting the pods this object manages; must match the template labels.",
          template: "core.PodTemplateSpec; Pod template used to create new pods.",
          updateStrategy: "DaemonSetUpdateStrategy; How pods are replaced when the template changes.",
        },
      },
      DaemonSetStatus: {
        d: "Observed state of a daemon set.",
        req: ["currentNumberScheduled",  "desiredNumberScheduled",  "numberMisscheduled",  "numberReady"],
        f: {
          collisionCount: "int32; Counter used to avoid name collisions when hashing pod templates.",
          conditions: ["[]DaemonSetCondition; Conditions of the daemon set.", { patch: "merge", key: "type" }],
          currentNumberScheduled: "int32; Nodes running at least one daemon pod that should.",
          desiredNumberScheduled: "int32; Nodes that should run the daemon pod.",
          numberAvailable: "int32; Nodes whose daemon pod is available.",
          numberMisscheduled: "int32; Nodes running the daemon pod that should not.",
          numberReady: "int32; Nodes whose daemon pod is ready.",
          numberUnavailable: "int32; Nodes whose daemon pod is not available.",
          observedGeneration: "int64; The metadata.generation this status was computed from.",
          updatedNumberScheduled: "int32; Nodes running the updated daemon pod.",
        },
      },
      DeploymentStrategy: {
        d: "How a deployment replaces old pods.",
        f: {
          rollingUpdate: "RollingUpdateDeployment; Rolling update parameters, for type RollingUpdate.",
          type: "string; Recreate or RollingUpdate (default).",
        },
      },
      DeploymentCondition: {
        d: "One aspect of a deployment's state.",
        req: ["status",  "type"],
        f: {
          lastTransitionTime: "Time; When the condition last changed status.",
          lastUpdateTime: "Time; When the condition was last updated.",
          message: "string; Human-readable details about the last transition.",
          reason: "string; One-word CamelCase reason for the last transition.",
          status: "string; Status of the condition: True, False or Unknown.",
          type: "string; Available, Progressing or ReplicaFailure.",
        },
      },
      ReplicaSetCondition: {
        d: "One aspect of a replica set's state.",
        req: ["status",  "type"],
        f: conditionFields,
      },
      StatefulSetOrdinals: {
        d: "Ordinal numbering of a stateful set's pods.",
        f: {
          start: "int32; Number of the first pod; default 0.",
        },
      },
      StatefulSetPersistentVolumeClaimRetentionPolicy: {
        d: "Lifecycle of a stateful set's PVCs.",
        f: {
          whenDeleted: "string; Retain or Delete when the set is deleted.",
          whenScaled: "string; Retain or Delete when the set is scaled down.",
        },
      },
      StatefulSetUpdateStrategy: {
        d: "How a stateful set updates its pods.",
        f: {
          rollingUpdate: "RollingUpdateStatefulSetStrategy; Parameters for RollingUpdate.",
          type: "string; RollingUpdate (default) or OnDelete.",
        },
      },
      StatefulSetCondition: {
        d: "One aspect of a stateful set's state.",
        req: ["status",  "type"],
        f: conditionFields,
      },
      DaemonSetUpdateStrategy: {
        d: "How a daemon set updates its pods.",
        f: {
          rollingUpdate: "RollingUpdateDaemonSet; Parameters for RollingUpdate.",
          type: "string; RollingUpdate (default) or OnDelete.",
        },
      },
      DaemonSetCondition: {
        d: "One aspect of a daemon set's state.",
        req: ["status",  "type"],
        f: conditionFields,
      },
      RollingUpdateDeployment: {
        d: "Parameters of a rolling update.",
        f: {
          maxSurge: "IntOrString; Pods that may be created above the desired count (number or percentage); default 25%.",
          maxUnavailable: "IntOrString; Pods that may be unavailable during the update (number or percentage); default 25%.",
        },
      },
      RollingUpdateStatefulSetStrategy: {
        d: "Rolling update parameters of a stateful set.",
        f: {
          maxUnavailable: "IntOrString; Pods that may be unavailable during the update.",
          partition: "int32; Only pods with an ordinal at or above this are updated.",
        },
      },
      RollingUpdateDaemonSet: {
        d: "Rolling update parameters of a daemon set.",
        f: {
          maxSurge: "IntOrString; Nodes that may run an extra new pod during the update.",
          maxUnavailable: "IntOrString; Nodes whose pod may be unavailable during the update; default 1.",
        },
      },
    },
  },
];
