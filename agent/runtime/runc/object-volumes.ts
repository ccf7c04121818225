// configMap, secret, downwardAPI and projected volumes: their files are written under the pod's
// volumes/<name>/ before each container start (so a restarted container sees current data),
// brought up to date while the pod runs (refreshObjectVolumes, every --sync-frequency) and
// bound into containers like emptyDirs. items pick and rename keys; defaultMode and per-item
// modes apply. A missing object that is not optional fails the start (CreateContainerConfigError),
// retried with the back-off. A projected volume merges its sources into one dir; its
// serviceAccountToken source is a token the agent asks for (TokenRequest bound to the pod, with
// the source's audience and expiration), kept fresh by token-files.ts, also after an agent
// restart adopts the pod (resumeTokenRefresh).
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from "node:fs";
import { dirname, join, normalize } from "node:path";
import type { DownwardAPIVolumeFile, KeyToPath, Pod, ServiceAccountTokenProjection, Volume } from "kubernetes-types/core/v1";
import { ConfigError, type ObjectGetter } from "./env-refs.ts";
import type { PodPaths } from "./paths.ts";
import { fieldValue } from "./process.ts";
import { replaceFile, tokenRefresher, type TokenRefresher } from "./token-files.ts";

type File = [path: string, content: string | Uint8Array, mode: number];

export function isObjectVolume(v: Volume): boolean {
  return !!(v.configMap || v.secret || v.downwardAPI || v.projected);
}

function checkedPath(dir: string, path: string): string {
  const rel = normalize(path);
  if (rel.startsWith("..") || rel.startsWith("/")) throw new ConfigError(`volume file path ${path} must be relative and may not contain '..'`);
  return join(dir, rel);
}

function writeFiles(dir: string, files: File[]) {
  mkdirSync(dir, { recursive: true });
  for (const [path, content, mode] of files) {
    const file = checkedPath(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    chmodSync(file, mode);
  }
}

function select(data: Record<string, string | Uint8Array>, items: KeyToPath[] | undefined, mode: number, kind: "configmap" | "secret", optional: boolean): File[] {
  if (!items?.length) return Object.entries(data).map(([k, v]) => [k, v, mode]);
  return items.flatMap((it): File[] => {
    if (!(it.key in data)) {
      if (optional) return [];
      throw new ConfigError(`${kind} references non-existent ${kind === "secret" ? "secret" : "config"} key: ${it.key}`);
    }
    return [[it.path, data[it.key]!, it.mode ?? mode]];
  });
}

interface Source {
  pod: Pod;
  namespace: string;
  objects: ObjectGetter | undefined;
  podIP: string | undefined;
}

async function configMapFiles(s: Source, name: string, items: KeyToPath[] | undefined, mode: number, optional: boolean): Promise<File[]> {
  const cm = s.objects ? await s.objects.configMap(s.namespace, name) : undefined;
  if (!cm && !optional) throw new ConfigError(`configmap "${name}" not found`);
  const data: Record<string, string | Uint8Array> = { ...(cm?.data ?? {}), ...Object.fromEntries(Object.entries(cm?.binaryData ?? {}).map(([k, b]) => [k, Buffer.from(b, "base64")])) };
  return select(data, items, mode, "configmap", optional);
}

async function secretFiles(s: Source, name: string, items: KeyToPath[] | undefined, mode: number, optional: boolean): Promise<File[]> {
  const secret = s.objects ? await s.objects.secret(s.namespace, name) : undefined;
  if (!secret && !optional) throw new ConfigError(`secret "${name}" not found`);
  const data = Object.fromEntries(Object.entries(secret?.data ?? {}).map(([k, b]) => [k, Buffer.from(b, "base64")]));
  return select(data, items, mode, "secret", optional);
}

function downwardFiles(s: Source, items: DownwardAPIVolumeFile[] | undefined, mode: number): File[] {
  return (items ?? []).flatMap((it): File[] => (it.fieldRef ? [[it.path, fieldValue(s.pod, it.fieldRef.fieldPath, s.podIP), it.mode ?? mode]] : []));
}

/** Asks for the pod-bound token; the caller writes it and hands the fetch to the refresher. */
function tokenFetch(s: Source, t: ServiceAccountTokenProjection) {
  const get = s.objects?.serviceAccountToken;
  if (!get) throw new ConfigError("serviceAccountToken volume source: this runtime was given no way to request service account tokens");
  const sa = s.pod.spec?.serviceAccountName || "default";
  const spec = {
    audiences: t.audience ? [t.audience] : [],
    expirationSeconds: t.expirationSeconds ?? 3600,
    boundObjectRef: { kind: "Pod", apiVersion: "v1", name: s.pod.metadata?.name, uid: s.pod.metadata?.uid },
  };
  return () => get.call(s.objects, s.namespace, sa, spec);
}

/**
 * The files of a configMap, secret, downwardAPI or projected volume as they should be now, and
 * the paths of its token files (kept by the token refresher, not here). Undefined for other volumes.
 */
async function dataFiles(s: Source, v: Volume): Promise<{ files: File[]; tokenPaths: string[] } | undefined> {
  if (v.configMap) return { files: await configMapFiles(s, v.configMap.name ?? "", v.configMap.items, v.configMap.defaultMode ?? 0o644, v.configMap.optional ?? false), tokenPaths: [] };
  if (v.secret) return { files: await secretFiles(s, v.secret.secretName ?? "", v.secret.items, v.secret.defaultMode ?? 0o644, v.secret.optional ?? false), tokenPaths: [] };
  if (v.downwardAPI) return { files: downwardFiles(s, v.downwardAPI.items, v.downwardAPI.defaultMode ?? 0o644), tokenPaths: [] };
  if (!v.projected) return undefined;
  const mode = v.projected.defaultMode ?? 0o644;
  const files: File[] = [];
  const tokenPaths: string[] = [];
  for (const src of v.projected.sources ?? []) {
    if (src.configMap) files.push(...(await configMapFiles(s, src.configMap.name ?? "", src.configMap.items, mode, src.configMap.optional ?? false)));
    else if (src.secret) files.push(...(await secretFiles(s, src.secret.name ?? "", src.secret.items, mode, src.secret.optional ?? false)));
    else if (src.downwardAPI) files.push(...downwardFiles(s, src.downwardAPI.items, mode));
    else if (src.serviceAccountToken) tokenPaths.push(src.serviceAccountToken.path);
  }
  return { files, tokenPaths };
}

/** Every regular file under dir, as paths relative to it; temp files of a replace (".…tmp") left out. */
function filesUnder(dir: string, prefix = ""): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return filesUnder(dir, rel);
    return e.isFile() && !(e.name.startsWith(".") && e.name.endsWith(".tmp")) ? [rel] : [];
  });
}

/**
 * Brings a running pod's configMap, secret, downwardAPI and projected volumes up to date, as the
 * kubelet's periodic sync does: a file whose content changed is replaced atomically (a reader
 * sees the old or the new content), a new key's file appears, a removed key's file goes. A
 * volume whose object cannot be read now (deleted, API unreachable) keeps its files. Returns the
 * number of files changed.
 */
export async function refreshObjectVolumes(pod: Pod, paths: PodPaths, objects: ObjectGetter | undefined, podIP: string | undefined): Promise<number> {
  const s: Source = { pod, namespace: pod.metadata?.namespace ?? "default", objects, podIP };
  let changed = 0;
  for (const v of pod.spec?.volumes ?? []) {
    let want: Awaited<ReturnType<typeof dataFiles>>;
    try {
      want = await dataFiles(s, v);
    } catch {
      continue;
    }
    if (!want) continue;
    const dir = paths.volume(v.name);
    if (!existsSync(dir)) continue; // not written yet: the container start writes it
    const keep = new Set(want.tokenPaths.map((p) => normalize(p)));
    for (const [path, content, mode] of want.files) {
      const file = checkedPath(dir, path);
      keep.add(normalize(path));
      const bytes = typeof content === "string" ? Buffer.from(content) : content;
      let current: Buffer | undefined;
      try {
        current = readFileSync(file);
      } catch {}
      if (current?.equals(bytes)) continue;
      mkdirSync(dirname(file), { recursive: true });
      replaceFile(file, bytes, mode);
      changed++;
    }
    for (const rel of filesUnder(dir)) {
      if (keep.has(normalize(rel))) continue;
      rmSync(join(dir, rel), { force: true });
      changed++;
    }
  }
  return changed;
}

/** A projected volume's service account tokens, asked for now, with what keeps each fresh. */
async function projectedTokens(s: Source, p: NonNullable<Volume["projected"]>) {
  const tokens: { path: string; fetch: ReturnType<typeof tokenFetch>; token: { token: string; expirationTimestamp: string } }[] = [];
  for (const src of p.sources ?? []) {
    if (!src.serviceAccountToken) continue;
    const fetch = tokenFetch(s, src.serviceAccountToken);
    tokens.push({ path: src.serviceAccountToken.path, fetch, token: await fetch() });
  }
  return tokens;
}

/**
 * An adopted pod's token files (written by an earlier agent, whose timers died with it): each is
 * replaced now and kept fresh from then on, as if its token were due.
 */
export function resumeTokenRefresh(pod: Pod, paths: PodPaths, objects: ObjectGetter | undefined, refresher: TokenRefresher = tokenRefresher): void {
  if (!objects?.serviceAccountToken) return;
  const s: Source = { pod, namespace: pod.metadata?.namespace ?? "default", objects, podIP: undefined };
  for (const v of pod.spec?.volumes ?? []) {
    for (const src of v.projected?.sources ?? []) {
      if (!src.serviceAccountToken) continue;
      const file = checkedPath(paths.volume(v.name), src.serviceAccountToken.path);
      const now = Date.now();
      if (existsSync(file)) refresher.track(file, now, now, tokenFetch(s, src.serviceAccountToken));
    }
  }
}

/** Writes every configMap/secret/downwardAPI/projected volume of the pod. */
export async function writeObjectVolumes(pod: Pod, paths: PodPaths, objects: ObjectGetter | undefined, podIP: string | undefined, refresher: TokenRefresher = tokenRefresher): Promise<void> {
  const s: Source = { pod, namespace: pod.metadata?.namespace ?? "default", objects, podIP };
  for (const v of pod.spec?.volumes ?? []) {
    const want = await dataFiles(s, v);
    if (!want) continue;
    const dir = paths.volume(v.name);
    const issuedAt = Date.now();
    const tokens = v.projected ? await projectedTokens(s, v.projected) : [];
    const mode = v.projected?.defaultMode ?? 0o644;
    writeFiles(dir, [...want.files, ...tokens.map((t): File => [t.path, t.token.token, mode])]);
    for (const t of tokens) refresher.track(checkedPath(dir, t.path), issuedAt, Date.parse(t.token.expirationTimestamp), t.fetch);
  }
}
