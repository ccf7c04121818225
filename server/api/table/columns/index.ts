// One lookup from (group, kind) to its printer; the Table handler never switches on kinds.
import type { Printer } from "../types.ts";
import * as apps from "./apps.ts";
import * as batch from "./batch.ts";
import * as core from "./core.ts";
import { createdAtPrinter } from "./defaults.ts";
import { eventPrinter } from "./event.ts";
import * as misc from "./misc.ts";
import * as net from "./networking.ts";
import { nodePrinter } from "./node.ts";
import { podPrinter } from "./pod.ts";
import * as rbac from "./rbac.ts";
import * as storage from "./storage.ts";

const RBAC = "rbac.authorization.k8s.io";

const printers: Record<string, Printer> = {
  "/Pod": podPrinter,
  "/Service": core.servicePrinter,
  "/Endpoints": core.endpointsPrinter,
  "/ConfigMap": core.configMapPrinter,
  "/Secret": core.secretPrinter,
  "/ServiceAccount": core.serviceAccountPrinter,
  "/Namespace": core.namespacePrinter,
  "/ResourceQuota": core.resourceQuotaPrinter,
  "/LimitRange": createdAtPrinter,
  "/Node": nodePrinter,
  "/Event": eventPrinter,
  "/PersistentVolume": storage.persistentVolumePrinter,
  "/PersistentVolumeClaim": storage.persistentVolumeClaimPrinter,
  "events.k8s.io/Event": eventPrinter,
  "apps/Deployment": apps.deploymentPrinter,
  "apps/ReplicaSet": apps.replicaSetPrinter,
  "apps/StatefulSet": apps.statefulSetPrinter,
  "apps/DaemonSet": apps.daemonSetPrinter,
  "apps/ControllerRevision": apps.controllerRevisionPrinter,
  "batch/Job": batch.jobPrinter,
  "batch/CronJob": batch.cronJobPrinter,
  "discovery.k8s.io/EndpointSlice": net.endpointSlicePrinter,
  "coordination.k8s.io/Lease": misc.leasePrinter,
  "networking.k8s.io/Ingress": net.ingressPrinter,
  "networking.k8s.io/IngressClass": net.ingressClassPrinter,
  "networking.k8s.io/NetworkPolicy": net.networkPolicyPrinter,
  "policy/PodDisruptionBudget": misc.podDisruptionBudgetPrinter,
  "autoscaling/HorizontalPodAutoscaler": misc.horizontalPodAutoscalerPrinter,
  "storage.k8s.io/StorageClass": storage.storageClassPrinter,
  [`${RBAC}/Role`]: createdAtPrinter,
  [`${RBAC}/ClusterRole`]: createdAtPrinter,
  [`${RBAC}/RoleBinding`]: rbac.roleBindingPrinter,
  [`${RBAC}/ClusterRoleBinding`]: rbac.clusterRoleBindingPrinter,
  "apiextensions.k8s.io/CustomResourceDefinition": createdAtPrinter,
};

/** The built-in printer for a (group, kind), if kubun has one. */
export function builtinPrinter(group: string, kind: string): Printer | undefined {
  return printers[`${group}/${kind}`];
}
