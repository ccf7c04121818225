// Credentials from imagePullSecrets (kubernetes.io/dockerconfigjson or the older dockercfg), as
// the kubelet's keyring matches them: by registry host[:port], with Docker Hub's aliases, a
// leading "*." wildcard label, and keys written as URLs ("https://index.docker.io/v1/").
import { DEFAULT_DOMAIN } from "./reference.ts";
import type { RegistryAuth } from "./registries.ts";

export interface DockerConfigEntry {
  username?: string;
  password?: string;
  auth?: string;
  identitytoken?: string;
}

/** The parsed `.dockerconfigjson` ({auths: {...}}) or `.dockercfg` (the map itself). */
export type DockerConfig = { auths?: Record<string, DockerConfigEntry> } | Record<string, DockerConfigEntry>;

const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);

function hostOf(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, "").replace(/\/.*$/, "").toLowerCase();
  return DOCKER_HUB.has(host) ? DEFAULT_DOMAIN : host;
}

function matches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith("*.")) return false;
  const rest = host.slice(host.indexOf(".") + 1);
  return host.includes(".") && rest === pattern.slice(2);
}

function toAuth(e: DockerConfigEntry): RegistryAuth | undefined {
  let { username, password } = e;
  if (!username && e.auth) {
    const decoded = Buffer.from(e.auth, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i >= 0) [username, password] = [decoded.slice(0, i), decoded.slice(i + 1)];
  }
  if (!username && !e.identitytoken) return undefined;
  return { username, password, identityToken: e.identitytoken };
}

/** The first credentials in `secrets` for registry `domain` (normalized, e.g. "docker.io"). */
export function credentialsFor(secrets: readonly DockerConfig[] | undefined, domain: string): RegistryAuth | undefined {
  const want = hostOf(domain);
  for (const s of secrets ?? []) {
    const auths = ("auths" in s && s.auths && typeof s.auths === "object" ? s.auths : s) as Record<string, DockerConfigEntry>;
    for (const [key, entry] of Object.entries(auths)) {
      if (typeof entry !== "object" || entry === null) continue;
      if (matches(hostOf(key), want)) {
        const auth = toAuth(entry);
        if (auth) return auth;
      }
    }
  }
  return undefined;
}

/**
 * The Docker configs of imagePullSecrets: `.dockerconfigjson` of kubernetes.io/dockerconfigjson
 * Secrets, `.dockercfg` of kubernetes.io/dockercfg ones. Secrets of another type or with data
 * that does not parse are left out, as the kubelet's keyring does.
 */
export function dockerConfigsOf(secrets: readonly { type?: string; data?: Record<string, string> }[]): DockerConfig[] {
  const out: DockerConfig[] = [];
  for (const s of secrets) {
    const key = s.type === "kubernetes.io/dockerconfigjson" ? ".dockerconfigjson" : s.type === "kubernetes.io/dockercfg" ? ".dockercfg" : undefined;
    const b64 = key && s.data?.[key];
    if (!b64) continue;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(b64, "base64").toString("utf8"));
      if (parsed && typeof parsed === "object") out.push(parsed as DockerConfig);
    } catch {
      // not JSON: no credentials from this Secret
    }
  }
  return out;
}
