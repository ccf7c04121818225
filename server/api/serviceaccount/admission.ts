// The ServiceAccount admission plugin, on pod create: the pod's service account must exist
// (the `default` one is looked up again for up to ~2 s, as upstream does, since a controller
// creates it just after the namespace), imagePullSecrets come from it when the pod has none, and
// unless automountServiceAccountToken is false (the pod's setting wins over the account's) every
// container and init container mounts the projected `kube-api-access-<5 chars>` volume — a bound
// token, the cluster CA and the namespace — read-only at /var/run/secrets/kubernetes.io/serviceaccount.
import type { Container, Pod, ServiceAccount, Volume } from "kubernetes-types/core/v1";
import { errors } from "../../../shared/api/errors.ts";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import type { ResourceType } from "../registry/types.ts";

export const TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
export const ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
const VOLUME_PREFIX = "kube-api-access-";
/** Upstream's WarnOnlyBoundTokenExpirationSeconds: an hour and a bit, recognisable as the default. */
const TOKEN_EXPIRATION_SECONDS = 3607;
const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
/** Upstream's utilrand alphabet: no vowels, no confusable digits. */
const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export interface AdmissionOptions {
  /** Random suffixes; injectable for tests. */
  readonly random?: () => number;
  /** Waits between lookups of the `default` account; injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The projected volume source upstream's admission adds. */
export function tokenVolumeSource(): NonNullable<Volume["projected"]> {
  return {
    defaultMode: 0o644,
    sources: [
      { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: "token" } },
      { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: "ca.crt", path: "ca.crt" }] } },
      { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
    ],
  };
}

async function lookup(info: RequestInfo, namespace: string, name: string, o: AdmissionOptions): Promise<ServiceAccount | undefined> {
  const rt = info.ctx.registry.lookup("", "v1", "serviceaccounts")!;
  const attempts = name === "default" ? 10 : 1;
  const sleep = o.sleep ?? ((ms: number) => Bun.sleep(ms));
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(100 + Math.floor((o.random ?? Math.random)() * 100));
    const found = await info.ctx.store.get(rt, namespace, name);
    if (found) return found.obj as ServiceAccount;
  }
  return undefined;
}

function mountToken(spec: NonNullable<Pod["spec"]>, random: () => number) {
  const volumes = (spec.volumes ??= []);
  const existing = volumes.find((v) => v.name.startsWith(VOLUME_PREFIX));
  let name = existing?.name;
  while (!name || (!existing && volumes.some((v) => v.name === name))) {
    name = VOLUME_PREFIX + Array.from({ length: 5 }, () => ALPHANUMS[Math.floor(random() * ALPHANUMS.length)]).join("");
  }
  let needed = false;
  const mount = (c: Container) => {
    if (c.volumeMounts?.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) return;
    (c.volumeMounts ??= []).push({ name: name!, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
    needed = true;
  };
  for (const c of spec.initContainers ?? []) mount(c);
  for (const c of spec.containers ?? []) mount(c);
  if (needed && !existing) volumes.push({ name, projected: tokenVolumeSource() });
  if (!volumes.length) delete spec.volumes;
}

/** Applies the plugin to a pod being created; other kinds pass untouched. Refuses (403) a pod whose account does not exist. */
export async function admitServiceAccount(info: RequestInfo, rt: ResourceType, obj: KubeObject, o: AdmissionOptions = {}): Promise<void> {
  if (rt.group !== "" || rt.plural !== "pods" || !info.ctx.serviceAccounts) return;
  const pod = obj as Pod;
  if (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) return;
  const spec = (pod.spec ??= { containers: [] });
  const namespace = pod.metadata?.namespace ?? "default";
  const name = (spec.serviceAccountName ||= "default");
  const sa = await lookup(info, namespace, name, o);
  if (!sa) {
    const subject = pod.metadata?.name ? `pods "${pod.metadata.name}"` : "pods";
    throw errors.forbidden(`${subject} is forbidden: error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`);
  }
  if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  if ((spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true) === false) return;
  mountToken(spec, o.random ?? Math.random);
}
