// The container's process as Kubernetes defines it from the pod spec and the image: argv
// (command/args over the image's entrypoint/cmd, $(VAR) expanded), environment (image env, then
// the container's env with fieldRef values), working dir and user.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Container, Pod } from "kubernetes-types/core/v1";
import { toMilli } from "../../../shared/quantity/index.ts";
import type { ImageRuntimeConfig } from "../../images/index.ts";
import { ConfigError, type EnvRefs } from "./env-refs.ts";

export function containerArgs(c: Container, image: ImageRuntimeConfig, env: Map<string, string>): string[] {
  const expand = (s: string) => expandVars(s, env);
  if (c.command?.length) return [...c.command, ...(c.args ?? [])].map(expand);
  if (c.args?.length) return [...image.entrypoint, ...c.args.map(expand)];
  return [...image.entrypoint, ...image.cmd];
}

/** Kubernetes $(VAR) expansion: known names are replaced, $$ escapes, unknown ones stay. */
export function expandVars(s: string, env: Map<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][\w.-]*)\)/g, (m, name?: string) => (m === "$$" ? "$" : (env.get(name!) ?? m)));
}

export function fieldValue(pod: Pod, path: string, podIP: string | undefined): string {
  const m = pod.metadata ?? {};
  switch (path) {
    case "metadata.name": return m.name ?? "";
    case "metadata.namespace": return m.namespace ?? "";
    case "metadata.uid": return m.uid ?? "";
    case "spec.nodeName": return pod.spec?.nodeName ?? "";
    case "spec.serviceAccountName": return pod.spec?.serviceAccountName ?? "";
    case "status.podIP": return podIP ?? "";
    case "status.hostIP": return pod.status?.hostIP ?? "";
  }
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return (label[1] === "labels" ? m.labels : m.annotations)?.[label[2]!] ?? "";
  return "";
}

/** The environment, in order: image env, PATH default, envFrom, then the container's env. */
export function containerEnv(pod: Pod, c: Container, image: ImageRuntimeConfig, podIP: string | undefined, refs?: EnvRefs): Map<string, string> {
  const env = new Map<string, string>();
  for (const kv of image.env) {
    const i = kv.indexOf("=");
    if (i > 0) env.set(kv.slice(0, i), kv.slice(i + 1));
  }
  if (!env.has("PATH")) env.set("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  env.set("HOSTNAME", pod.metadata?.name ?? "");
  for (const [k, v] of refs?.from ?? []) env.set(k, v);
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env.set(e.name, expandVars(e.value, env));
    else if (e.valueFrom?.fieldRef) env.set(e.name, fieldValue(pod, e.valueFrom.fieldRef.fieldPath, podIP));
    else if (e.valueFrom?.resourceFieldRef) env.set(e.name, resourceValue(pod, c, e.valueFrom.resourceFieldRef));
    else if (refs?.values.has(e.name)) env.set(e.name, refs.values.get(e.name)!);
    else if (!e.valueFrom) env.set(e.name, "");
  }
  return env;
}

/**
 * resourceFieldRef: the container's limit or request divided by the divisor, rounded up (cpu
 * divisor default 1 core, memory 1 byte). A limit that is not set would be the node's
 * allocatable upstream; here it is empty.
 */
export function resourceValue(pod: Pod, self: Container, ref: { containerName?: string; resource: string; divisor?: string }): string {
  const c = ref.containerName ? [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === ref.containerName) : self;
  const [kind, name] = ref.resource.split(".") as ["limits" | "requests", string];
  const q = c?.resources?.[kind]?.[name];
  if (q === undefined) return "";
  const milli = Number(toMilli(q));
  const divisor = Number(toMilli(ref.divisor ?? "1"));
  return String(Math.ceil(milli / divisor));
}

export interface ProcessUser {
  uid: number;
  gid: number;
}

/** runAsUser/runAsGroup (container over pod) over the image's USER ("uid[:gid]" or a passwd name). */
export function containerUser(pod: Pod, c: Container, image: ImageRuntimeConfig, rootfs: string): ProcessUser {
  const psc = pod.spec?.securityContext;
  const csc = c.securityContext;
  const [name = "", group] = image.user.split(":");
  let uid = 0;
  let gid = 0;
  if (/^\d+$/.test(name)) uid = Number(name);
  else if (name) {
    const entry = readLines(join(rootfs, "etc/passwd")).find((l) => l[0] === name);
    if (!entry) throw new Error(`unable to find user ${name}: no matching entries in passwd file`);
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  }
  if (group !== undefined) gid = /^\d+$/.test(group) ? Number(group) : Number(readLines(join(rootfs, "etc/group")).find((l) => l[0] === group)?.[2] ?? 0);
  const runAsUser = csc?.runAsUser ?? psc?.runAsUser;
  const runAsGroup = csc?.runAsGroup ?? psc?.runAsGroup;
  if (runAsUser !== undefined) uid = runAsUser;
  if (runAsGroup !== undefined) gid = runAsGroup;
  if ((csc?.runAsNonRoot ?? psc?.runAsNonRoot) && uid === 0) throw new ConfigError("container has runAsNonRoot and image will run as root");
  return { uid, gid };
}

function readLines(file: string): string[][] {
  try {
    return readFileSync(file, "utf8").split("\n").map((l) => l.split(":"));
  } catch {
    return [];
  }
}
