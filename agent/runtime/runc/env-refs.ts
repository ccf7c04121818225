// Environment values that live in other objects: envFrom (configMapRef/secretRef with a prefix)
// and env valueFrom configMapKeyRef/secretKeyRef, read through an injected ObjectGetter (the
// agent wires a client GET; tests a Map). A missing object or key that is not optional stops the
// container with CreateContainerConfigError and upstream's words.
import type { TokenRequestSpec, TokenRequestStatus } from "kubernetes-types/authentication/v1";
import type { ConfigMap, Container, Pod, Secret } from "kubernetes-types/core/v1";

export interface ObjectGetter {
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  secret(namespace: string, name: string): Promise<Secret | undefined>;
  /** A token of the service account (serviceaccounts/token), for projected token volumes. */
  serviceAccountToken?(namespace: string, name: string, spec: TokenRequestSpec): Promise<TokenRequestStatus>;
}

export interface EnvRefs {
  /** envFrom entries, in order (prefix applied). */
  from: [string, string][];
  /** env valueFrom configMap/secret values by variable name. */
  values: Map<string, string>;
}

export class ConfigError extends Error {
  readonly reason = "CreateContainerConfigError";
}

const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");

async function dataOf(objects: ObjectGetter | undefined, ns: string, kind: "ConfigMap" | "Secret", name: string): Promise<Record<string, string> | undefined> {
  if (!objects) throw new ConfigError(`${kind.toLowerCase()} "${name}": this runtime was given no way to read ${kind}s`);
  if (kind === "ConfigMap") {
    const cm = await objects.configMap(ns, name);
    return cm ? { ...(cm.data ?? {}) } : undefined;
  }
  const s = await objects.secret(ns, name);
  if (!s) return undefined;
  return Object.fromEntries([...Object.entries(s.data ?? {}).map(([k, v]) => [k, decode(v)]), ...Object.entries(s.stringData ?? {})]);
}

export async function resolveEnvRefs(pod: Pod, c: Container, objects: ObjectGetter | undefined): Promise<EnvRefs> {
  const ns = pod.metadata?.namespace ?? "default";
  const out: EnvRefs = { from: [], values: new Map() };
  for (const src of c.envFrom ?? []) {
    const ref = src.configMapRef ?? src.secretRef;
    if (!ref?.name) continue;
    const kind = src.configMapRef ? "ConfigMap" : "Secret";
    const data = await dataOf(objects, ns, kind, ref.name);
    if (!data) {
      if (ref.optional) continue;
      throw new ConfigError(`${kind.toLowerCase()} "${ref.name}" not found`);
    }
    for (const [k, v] of Object.entries(data)) out.from.push([`${src.prefix ?? ""}${k}`, v]);
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (!ref) continue;
    const kind = e.valueFrom?.configMapKeyRef ? "ConfigMap" : "Secret";
    const data = await dataOf(objects, ns, kind, ref.name ?? "");
    if (!data) {
      if (ref.optional) continue;
      throw new ConfigError(`${kind.toLowerCase()} "${ref.name}" not found`);
    }
    if (!(ref.key in data)) {
      if (ref.optional) continue;
      throw new ConfigError(`couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}`);
    }
    out.values.set(e.name, data[ref.key]!);
  }
  return out;
}
