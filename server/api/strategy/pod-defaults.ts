// Pod spec defaulting, as upstream's SetDefaults_PodSpec and friends. `defaultPodSpec` is the one
// function applied wherever a PodSpec appears (Pods and every PodTemplateSpec), so a Deployment's
// template and its ReplicaSet's template default identically and compare equal.
import type {
  Container, EnvVar, HTTPGetAction, LifecycleHandler, PersistentVolumeClaimSpec, PodSpec, PodTemplateSpec, Probe, Volume,
} from "kubernetes-types/core/v1";

/** Always for `:latest` or no tag (and no digest), IfNotPresent otherwise or when unparseable. */
export function defaultPullPolicy(image: string | undefined): "Always" | "IfNotPresent" {
  let ref = image ?? "";
  let digest = false;
  const at = ref.indexOf("@");
  if (at >= 0) {
    digest = true;
    ref = ref.slice(0, at);
  }
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  let tag = colon > slash ? ref.slice(colon + 1) : "";
  const name = colon > slash ? ref.slice(0, colon) : ref;
  if (!isImageName(name) || (tag && !/^[\w][\w.-]{0,127}$/.test(tag))) return "IfNotPresent";
  if (!tag && !digest) tag = "latest";
  return tag === "latest" ? "Always" : "IfNotPresent";
}

const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function isImageName(name: string): boolean {
  if (!name) return false;
  const parts = name.split("/");
  const first = parts[0];
  const hasDomain = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase());
  const path = hasDomain ? parts.slice(1) : parts;
  if (hasDomain && !/^[a-zA-Z0-9.-]+(:[0-9]+)?$/.test(first)) return false;
  return path.length > 0 && path.every((p) => pathComponent.test(p));
}

function defaultHTTPGet(h: HTTPGetAction | undefined) {
  if (!h) return;
  h.path ||= "/";
  h.scheme ||= "HTTP";
}

function defaultProbe(p: Probe | undefined) {
  if (!p) return;
  p.timeoutSeconds ||= 1;
  p.periodSeconds ||= 10;
  p.successThreshold ||= 1;
  p.failureThreshold ||= 3;
  defaultHTTPGet(p.httpGet);
  if (p.grpc) p.grpc.service ??= "";
}

function defaultHandler(h: LifecycleHandler | undefined) {
  defaultHTTPGet(h?.httpGet);
}

function defaultEnv(env: EnvVar[] | undefined) {
  for (const e of env ?? []) {
    const ref = e.valueFrom?.fieldRef;
    if (ref) ref.apiVersion ||= "v1";
  }
}

export function defaultContainer(c: Container) {
  c.imagePullPolicy ||= defaultPullPolicy(c.image);
  c.terminationMessagePath ||= "/dev/termination-log";
  c.terminationMessagePolicy ||= "File";
  for (const p of c.ports ?? []) p.protocol ||= "TCP";
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
  defaultEnv(c.env);
}

export function defaultPVCSpec(spec: PersistentVolumeClaimSpec | undefined) {
  if (spec) spec.volumeMode ||= "Filesystem";
}

const defaultMode = 0o644; // 420

export function defaultVolume(v: Volume) {
  if (Object.keys(v).every((k) => k === "name")) v.emptyDir = {};
  if (v.configMap) v.configMap.defaultMode ??= defaultMode;
  if (v.secret) v.secret.defaultMode ??= defaultMode;
  if (v.hostPath) v.hostPath.type ??= "";
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= defaultMode;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= "v1";
  }
  if (v.projected) {
    v.projected.defaultMode ??= defaultMode;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= "v1";
    }
  }
  defaultPVCSpec(v.ephemeral?.volumeClaimTemplate?.spec);
}

/**
 * SetDefaults_PodSpec plus the container, probe and volume defaults inside it. The deprecated
 * `serviceAccount` field mirrors `serviceAccountName` (as upstream's v1 conversion does).
 */
export function defaultPodSpec(spec: PodSpec) {
  spec.dnsPolicy ||= "ClusterFirst";
  spec.restartPolicy ||= "Always";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= "default-scheduler";
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c as Container);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

/** A PodTemplateSpec anywhere (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob). */
export function defaultPodTemplate(t: PodTemplateSpec | undefined) {
  if (!t) return;
  t.spec ??= { containers: [] };
  defaultPodSpec(t.spec);
}
