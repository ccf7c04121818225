// apps/v1, batch/v1 and the other API groups kubun serves.
import { atomicList, mergeBy, value, type Field, type SchemaTable } from "./types.ts";
import { objectRoot } from "./meta.ts";

const selector: Field = { type: "LabelSelector", atomic: true };
const conditions = mergeBy("type");
const template = value("PodTemplateSpec");

export const workloadTypes: SchemaTable = {
  Deployment: { ...objectRoot, spec: value("DeploymentSpec"), status: value("DeploymentStatus") },
  DeploymentSpec: {
    selector,
    template,
    strategy: { type: "DeploymentStrategy", retainKeys: true, always: true },
  },
  DeploymentStrategy: {},
  DeploymentStatus: { conditions },

  ReplicaSet: { ...objectRoot, spec: value("ReplicaSetSpec"), status: value("ReplicaSetStatus") },
  ReplicaSetSpec: { selector, template },
  ReplicaSetStatus: { conditions },

  StatefulSet: { ...objectRoot, spec: value("StatefulSetSpec"), status: value("StatefulSetStatus") },
  StatefulSetSpec: {
    selector,
    template,
    volumeClaimTemplates: atomicList("PersistentVolumeClaim"),
    updateStrategy: value("StatefulSetUpdateStrategy"),
  },
  StatefulSetStatus: { conditions },

  DaemonSet: { ...objectRoot, spec: value("DaemonSetSpec"), status: value("DaemonSetStatus") },
  DaemonSetSpec: { selector, template, updateStrategy: value("DaemonSetUpdateStrategy") },
  DaemonSetStatus: { conditions },
  ControllerRevision: { ...objectRoot },

  Job: { ...objectRoot, spec: value("JobSpec"), status: value("JobStatus") },
  JobSpec: { selector, template, podFailurePolicy: { type: "PodFailurePolicy" } },
  PodFailurePolicy: { rules: atomicList() },
  // JobStatus.conditions merges by type in SMP but is `+listType=atomic` for SSA.
  JobStatus: { conditions: mergeBy("type", undefined, { listType: "atomic" }) },
  CronJob: { ...objectRoot, spec: value("CronJobSpec"), status: value("CronJobStatus") },
  CronJobSpec: { jobTemplate: value("JobTemplateSpec") },
  JobTemplateSpec: { metadata: value("ObjectMeta"), spec: value("JobSpec") },
  CronJobStatus: { active: atomicList() },

  Ingress: { ...objectRoot, spec: value("IngressSpec"), status: value("IngressStatus") },
  IngressSpec: { rules: atomicList(), tls: atomicList() },
  IngressStatus: {},
  IngressClass: { ...objectRoot },
  NetworkPolicy: { ...objectRoot, spec: value("NetworkPolicySpec") },
  NetworkPolicySpec: { podSelector: selector, ingress: atomicList(), egress: atomicList(), policyTypes: atomicList() },
  EndpointSlice: { ...objectRoot, endpoints: atomicList(), ports: atomicList() },

  PodDisruptionBudget: { ...objectRoot, spec: value("PodDisruptionBudgetSpec"), status: value("PodDisruptionBudgetStatus") },
  PodDisruptionBudgetSpec: { selector },
  PodDisruptionBudgetStatus: { conditions },
  HorizontalPodAutoscaler: { ...objectRoot, status: value("HorizontalPodAutoscalerStatus") },
  HorizontalPodAutoscalerStatus: { conditions },

  Role: { ...objectRoot, rules: atomicList() },
  ClusterRole: { ...objectRoot, rules: atomicList() },
  RoleBinding: { ...objectRoot, subjects: atomicList() },
  ClusterRoleBinding: { ...objectRoot, subjects: atomicList() },
  Lease: { ...objectRoot },
  StorageClass: { ...objectRoot, mountOptions: atomicList() },
  PriorityClass: { ...objectRoot },
  Scale: { ...objectRoot, spec: value("ScaleSpec"), status: value("ScaleStatus") },
  ScaleSpec: {},
  ScaleStatus: {},
};
