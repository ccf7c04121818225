// Which top-level message decodes which apiVersion + kind. A kind missing here answers 415.
import { StatusError } from "../api/errors.ts";
import type { CompiledMessage } from "./schema.ts";
import { registry } from "./tables/index.ts";

const KINDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  v1: {
    Namespace: "core.Namespace",
    ConfigMap: "core.ConfigMap",
    Secret: "core.Secret",
    Service: "core.Service",
    ServiceAccount: "core.ServiceAccount",
    Pod: "core.Pod",
    Event: "core.Event",
    ResourceQuota: "core.ResourceQuota",
    PersistentVolumeClaim: "core.PersistentVolumeClaim",
  },
  "apps/v1": {
    Deployment: "apps.Deployment",
    ReplicaSet: "apps.ReplicaSet",
    StatefulSet: "apps.StatefulSet",
    DaemonSet: "apps.DaemonSet",
  },
  "batch/v1": { Job: "batch.Job", CronJob: "batch.CronJob" },
  "policy/v1": { Eviction: "policy.Eviction", PodDisruptionBudget: "policy.PodDisruptionBudget" },
  "rbac.authorization.k8s.io/v1": {
    Role: "rbac.Role",
    RoleBinding: "rbac.RoleBinding",
    ClusterRole: "rbac.ClusterRole",
    ClusterRoleBinding: "rbac.ClusterRoleBinding",
  },
  "networking.k8s.io/v1": { Ingress: "networking.Ingress" },
  "authorization.k8s.io/v1": {
    SelfSubjectAccessReview: "authorization.SelfSubjectAccessReview",
    SelfSubjectRulesReview: "authorization.SelfSubjectRulesReview",
    SubjectAccessReview: "authorization.SubjectAccessReview",
    LocalSubjectAccessReview: "authorization.LocalSubjectAccessReview",
  },
  "authentication.k8s.io/v1": {
    TokenRequest: "authentication.TokenRequest",
    SelfSubjectReview: "authentication.SelfSubjectReview",
    TokenReview: "authentication.TokenReview",
  },
  "certificates.k8s.io/v1": { CertificateSigningRequest: "certificates.CertificateSigningRequest" },
  "coordination.k8s.io/v1": { Lease: "coordination.Lease" },
  "discovery.k8s.io/v1": { EndpointSlice: "discovery.EndpointSlice" },
  "autoscaling/v1": { Scale: "autoscalingV1.Scale", HorizontalPodAutoscaler: "autoscalingV1.HorizontalPodAutoscaler" },
  "autoscaling/v2": { HorizontalPodAutoscaler: "autoscalingV2.HorizontalPodAutoscaler" },
  "scheduling.k8s.io/v1": { PriorityClass: "scheduling.PriorityClass" },
};

/** meta/v1 kinds registered in every group version (client-go sends them under the request's group). */
const ANY_VERSION: Readonly<Record<string, string>> = { DeleteOptions: "meta.DeleteOptions" };

/** The message for apiVersion + kind, or a 415 StatusError naming the kind. */
export function messageForKind(apiVersion: string, kind: string): CompiledMessage {
  const name = Object.hasOwn(KINDS, apiVersion) && Object.hasOwn(KINDS[apiVersion]!, kind)
    ? KINDS[apiVersion]![kind]
    : Object.hasOwn(ANY_VERSION, kind) ? ANY_VERSION[kind] : undefined;
  const msg = name ? registry.messages.get(name) : undefined;
  if (!msg) {
    throw new StatusError(
      415,
      "UnsupportedMediaType",
      `kubun cannot decode ${apiVersion}, Kind=${kind} from application/vnd.kubernetes.protobuf; send it as application/json`,
    );
  }
  return msg;
}

/** "apiVersion/Kind" pairs that have a table, for diagnostics and tests. */
export function supportedProtobufKinds(): string[] {
  const pairs = Object.entries(KINDS).flatMap(([gv, kinds]) => Object.keys(kinds).map((k) => `${gv} ${k}`));
  return [...pairs, ...Object.keys(ANY_VERSION).map((k) => `* ${k}`)];
}

/** The registry name every supported kind points at, for the table consistency test. */
export function kindTargets(): string[] {
  return [...Object.values(KINDS).flatMap((k) => Object.values(k)), ...Object.values(ANY_VERSION)];
}
