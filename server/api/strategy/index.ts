// Every built-in kind's strategy, keyed "group/Kind" ("/Pod" for core, "apps/Deployment").
// The registry looks strategies up here; a kind without a row gets no defaults or validation.
import type { Strategy } from "../registry/types.ts";
import { configMapStrategy } from "./configmap.ts";
import { controllerRevisionStrategy } from "./controllerrevision.ts";
import { cronJobStrategy } from "./cronjob.ts";
import { customResourceDefinitionStrategy } from "./customresourcedefinition.ts";
import { daemonSetStrategy } from "./daemonset.ts";
import { deploymentStrategy } from "./deployment.ts";
import { endpointsStrategy } from "./endpoints.ts";
import { endpointSliceStrategy } from "./endpointslice.ts";
import { coreEventStrategy, eventsEventStrategy } from "./event.ts";
import { horizontalPodAutoscalerStrategy } from "./horizontalpodautoscaler.ts";
import { ingressStrategy } from "./ingress.ts";
import { ingressClassStrategy } from "./ingressclass.ts";
import { jobStrategy } from "./job.ts";
import { leaseStrategy } from "./lease.ts";
import { limitRangeStrategy } from "./limitrange.ts";
import { namespaceStrategy } from "./namespace.ts";
import { networkPolicyStrategy } from "./networkpolicy.ts";
import { nodeStrategy } from "./node.ts";
import { persistentVolumeStrategy } from "./persistentvolume.ts";
import { pvcStrategy } from "./persistentvolumeclaim.ts";
import { podStrategy, podStrategyWith } from "./pod.ts";
import type { PodDefaultsOptions } from "./pod-admission.ts";
import { podDisruptionBudgetStrategy } from "./poddisruptionbudget.ts";
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategyNamespaced } from "./rbac.ts";
import { replicaSetStrategy } from "./replicaset.ts";
import { resourceQuotaStrategy } from "./resourcequota.ts";
import { secretStrategy } from "./secret.ts";
import { serviceStrategy } from "./service.ts";
import { serviceAccountStrategy } from "./serviceaccount.ts";
import { statefulSetStrategy } from "./statefulset.ts";
import { storageClassStrategy } from "./storageclass.ts";
import { guarded } from "./guard.ts";

const table: Record<string, Strategy> = {
  "/Namespace": namespaceStrategy,
  "/Pod": podStrategy,
  "/Service": serviceStrategy,
  "/Endpoints": endpointsStrategy,
  "/Event": coreEventStrategy,
  "/ConfigMap": configMapStrategy,
  "/Secret": secretStrategy,
  "/ServiceAccount": serviceAccountStrategy,
  "/Node": nodeStrategy,
  "/PersistentVolume": persistentVolumeStrategy,
  "/PersistentVolumeClaim": pvcStrategy,
  "/ResourceQuota": resourceQuotaStrategy,
  "/LimitRange": limitRangeStrategy,
  "apps/Deployment": deploymentStrategy,
  "apps/ReplicaSet": replicaSetStrategy,
  "apps/StatefulSet": statefulSetStrategy,
  "apps/DaemonSet": daemonSetStrategy,
  "apps/ControllerRevision": controllerRevisionStrategy,
  "batch/Job": jobStrategy,
  "batch/CronJob": cronJobStrategy,
  "discovery.k8s.io/EndpointSlice": endpointSliceStrategy,
  "coordination.k8s.io/Lease": leaseStrategy,
  "events.k8s.io/Event": eventsEventStrategy,
  "networking.k8s.io/Ingress": ingressStrategy,
  "networking.k8s.io/IngressClass": ingressClassStrategy,
  "networking.k8s.io/NetworkPolicy": networkPolicyStrategy,
  "policy/PodDisruptionBudget": podDisruptionBudgetStrategy,
  "autoscaling/HorizontalPodAutoscaler": horizontalPodAutoscalerStrategy,
  "storage.k8s.io/StorageClass": storageClassStrategy,
  "rbac.authorization.k8s.io/Role": roleStrategyNamespaced,
  "rbac.authorization.k8s.io/RoleBinding": roleBindingStrategy,
  "rbac.authorization.k8s.io/ClusterRole": clusterRoleStrategy,
  "rbac.authorization.k8s.io/ClusterRoleBinding": clusterRoleBindingStrategy,
  "apiextensions.k8s.io/CustomResourceDefinition": customResourceDefinitionStrategy,
  // Answered without storage (handlers/self-subject-review.ts): nothing to default or validate.
  "authentication.k8s.io/SelfSubjectReview": {},
};

export interface StrategyOptions {
  /** Server-wide pod defaults (--default-not-ready/unreachable-toleration-seconds). */
  pods?: PodDefaultsOptions;
}

/** Keyed "group/Kind"; each strategy answers wrong-typed input with 400 instead of throwing. */
export function strategiesWith(opts: StrategyOptions = {}): Record<string, Strategy> {
  const rows = { ...table, "/Pod": opts.pods ? podStrategyWith(opts.pods) : podStrategy };
  return Object.fromEntries(Object.entries(rows).map(([key, s]) => [key, guarded(key.slice(key.indexOf("/") + 1), s)]));
}

export const strategies: Record<string, Strategy> = strategiesWith();

export { defaultPodSpec, defaultPodTemplate } from "./pod-defaults.ts";
export type { PodDefaultsOptions } from "./pod-admission.ts";
export { validateObjectMeta } from "./meta.ts";
export { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, type NameValidator } from "./names.ts";
export { parseCron, nextAfter, CronError, type CronSchedule } from "./cron.ts";
