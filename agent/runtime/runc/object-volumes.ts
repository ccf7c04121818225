// configMap, secret and downwardAPI volumes: their files are written under the pod's
// volumes/<name>/ before each container start (so a restarted container sees current data) and
// bound into containers like emptyDirs. items pick and rename keys; defaultMode and per-item
// modes apply. A missing object that is not optional fails the start (CreateContainerConfigError),
// retried with the back-off.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import type { KeyToPath, Pod, Volume } from "kubernetes-types/core/v1";
import { ConfigError, type ObjectGetter } from "./env-refs.ts";
import type { PodPaths } from "./paths.ts";
import { fieldValue } from "./process.ts";

export function isObjectVolume(v: Volume): boolean {
  return !!(v.configMap || v.secret || v.downwardAPI);
}

function writeFiles(dir: string, files: [string, string | Uint8Array, number][]) {
  mkdirSync(dir, { recursive: true });
  for (const [path, content, mode] of files) {
    const rel = normalize(path);
    if (rel.startsWith("..") || rel.startsWith("/")) throw new ConfigError(`volume file path ${path} must be relative and may not contain '..'`);
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    chmodSync(file, mode);
  }
}

function select(data: Record<string, string | Uint8Array>, items: KeyToPath[] | undefined, mode: number, kind: "configmap" | "secret", optional: boolean): [string, string | Uint8Array, number][] {
  if (!items?.length) return Object.entries(data).map(([k, v]) => [k, v, mode]);
  return items.flatMap((it): [string, string | Uint8Array, number][] => {
    if (!(it.key in data)) {
      if (optional) return [];
      throw new ConfigError(`${kind} references non-existent ${kind === "secret" ? "secret" : "config"} key: ${it.key}`);
    }
    return [[it.path, data[it.key]!, it.mode ?? mode]];
  });
}

/** Writes every configMap/secret/downwardAPI volume of the pod. */
export async function writeObjectVolumes(pod: Pod, paths: PodPaths, objects: ObjectGetter | undefined, podIP: string | undefined): Promise<void> {
  const ns = pod.metadata?.namespace ?? "default";
  for (const v of pod.spec?.volumes ?? []) {
    const dir = paths.volume(v.name);
    if (v.configMap) {
      const name = v.configMap.name ?? "";
      const cm = objects ? await objects.configMap(ns, name) : undefined;
      if (!cm && !v.configMap.optional) throw new ConfigError(`configmap "${name}" not found`);
      const data: Record<string, string | Uint8Array> = { ...(cm?.data ?? {}), ...Object.fromEntries(Object.entries(cm?.binaryData ?? {}).map(([k, b]) => [k, Buffer.from(b, "base64")])) };
      writeFiles(dir, select(data, v.configMap.items, v.configMap.defaultMode ?? 0o644, "configmap", v.configMap.optional ?? false));
    } else if (v.secret) {
      const name = v.secret.secretName ?? "";
      const s = objects ? await objects.secret(ns, name) : undefined;
      if (!s && !v.secret.optional) throw new ConfigError(`secret "${name}" not found`);
      const data = Object.fromEntries(Object.entries(s?.data ?? {}).map(([k, b]) => [k, Buffer.from(b, "base64")]));
      writeFiles(dir, select(data, v.secret.items, v.secret.defaultMode ?? 0o644, "secret", v.secret.optional ?? false));
    } else if (v.downwardAPI) {
      const files = (v.downwardAPI.items ?? []).flatMap((it): [string, string, number][] =>
        it.fieldRef ? [[it.path, fieldValue(pod, it.fieldRef.fieldPath, podIP), it.mode ?? v.downwardAPI!.defaultMode ?? 0o644]] : [],
      );
      writeFiles(dir, files);
    }
  }
}
