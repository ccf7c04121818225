// registries.yaml in k3s's format: mirrors (endpoints tried in order, then the registry's own
// default endpoint; rewrites apply to mirror endpoints only) and configs (auth and TLS per host,
// "*" for all). Registries on loopback speak plain HTTP by default, others HTTPS.
//
//   mirrors:
//     docker.io:
//       endpoint: ["http://127.0.0.1:5000"]
//       rewrite: {"^library/(.*)": "mirror/$1"}
//   configs:
//     "127.0.0.1:5000":
//       auth: {username: u, password: p}          # or auth: base64(u:p), or identitytoken
//       tls: {insecure_skip_verify: false, ca_file: …, cert_file: …, key_file: …}
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { DEFAULT_DOMAIN, isLoopbackHost, type ImageReference } from "./reference.ts";

export interface RegistryAuth {
  readonly username?: string;
  readonly password?: string;
  /** An OAuth2 refresh token for the token endpoint (`identitytoken` / `identity_token`). */
  readonly identityToken?: string;
}

export interface RegistryTls {
  readonly insecureSkipVerify: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

export interface RegistryHostConfig {
  readonly auth?: RegistryAuth;
  readonly tls?: RegistryTls;
}

export interface Mirror {
  readonly endpoints: readonly string[];
  readonly rewrites: readonly { readonly pattern: RegExp; readonly replacement: string }[];
}

export interface RegistriesConfig {
  readonly mirrors: Readonly<Record<string, Mirror>>;
  readonly configs: Readonly<Record<string, RegistryHostConfig>>;
}

/** One place to ask for a repository: a base URL ending in /v2 and the repository path there. */
export interface Endpoint {
  /** e.g. "http://127.0.0.1:5000/v2" */
  readonly base: string;
  /** host[:port] of the base URL: the key for configs and for cached tokens. */
  readonly host: string;
  /** The repository path at this endpoint (rewritten for mirrors). */
  readonly path: string;
  readonly mirror: boolean;
  readonly config: RegistryHostConfig;
}

export const EMPTY_REGISTRIES: RegistriesConfig = Object.freeze({ mirrors: Object.freeze({}), configs: Object.freeze({}) });

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

function str(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new Error(`${where}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}

function parseAuth(raw: unknown, where: string): RegistryAuth | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw new Error(`${where}: expected a mapping, got ${JSON.stringify(raw)}`);
  let username = str(raw.username, `${where}.username`);
  let password = str(raw.password, `${where}.password`);
  const encoded = str(raw.auth, `${where}.auth`);
  if (encoded && !username) {
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i < 0) throw new Error(`${where}.auth: expected base64 of "username:password"`);
    username = decoded.slice(0, i);
    password = decoded.slice(i + 1);
  }
  const identityToken = str(raw.identitytoken ?? raw.identity_token ?? raw.identityToken, `${where}.identitytoken`);
  return Object.freeze({ username, password, identityToken });
}

function parseTls(raw: unknown, where: string): RegistryTls | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw new Error(`${where}: expected a mapping, got ${JSON.stringify(raw)}`);
  const skip = raw.insecure_skip_verify ?? false;
  if (typeof skip !== "boolean") throw new Error(`${where}.insecure_skip_verify: expected true or false, got ${JSON.stringify(skip)}`);
  return Object.freeze({ insecureSkipVerify: skip, caFile: str(raw.ca_file, `${where}.ca_file`), certFile: str(raw.cert_file, `${where}.cert_file`), keyFile: str(raw.key_file, `${where}.key_file`) });
}

function parseMirror(raw: unknown, where: string): Mirror {
  if (!isObject(raw)) throw new Error(`${where}: expected a mapping, got ${JSON.stringify(raw)}`);
  const endpointsRaw = raw.endpoint ?? [];
  if (!Array.isArray(endpointsRaw)) throw new Error(`${where}.endpoint: expected a list of URLs, got ${JSON.stringify(endpointsRaw)}`);
  const endpoints = endpointsRaw.map((e, i) => {
    const s = str(e, `${where}.endpoint[${i}]`) ?? "";
    endpointUrl(s, `${where}.endpoint[${i}]`);
    return s;
  });
  const rewriteRaw = raw.rewrite ?? {};
  if (!isObject(rewriteRaw)) throw new Error(`${where}.rewrite: expected a mapping of regular expression to replacement`);
  const rewrites = Object.entries(rewriteRaw).map(([pattern, replacement]) => {
    let re: RegExp;
    try {
      re = new RegExp(pattern);
    } catch (err) {
      throw new Error(`${where}.rewrite: ${JSON.stringify(pattern)} is not a valid regular expression: ${(err as Error).message}`);
    }
    return Object.freeze({ pattern: re, replacement: str(replacement, `${where}.rewrite[${JSON.stringify(pattern)}]`) ?? "" });
  });
  return Object.freeze({ endpoints: Object.freeze(endpoints), rewrites: Object.freeze(rewrites) });
}

/** Parses registries.yaml text; errors name the file, the field and the value. */
export function parseRegistries(text: string, source = "registries.yaml"): RegistriesConfig {
  const doc = (parse(text) ?? {}) as unknown;
  if (!isObject(doc)) throw new Error(`${source}: expected a mapping with mirrors and configs`);
  const mirrorsRaw = doc.mirrors ?? {};
  const configsRaw = doc.configs ?? {};
  if (!isObject(mirrorsRaw)) throw new Error(`${source}: mirrors: expected a mapping of registry name to mirror`);
  if (!isObject(configsRaw)) throw new Error(`${source}: configs: expected a mapping of registry host to config`);
  const mirrors: Record<string, Mirror> = {};
  for (const [name, m] of Object.entries(mirrorsRaw)) mirrors[name] = parseMirror(m, `${source}: mirrors[${JSON.stringify(name)}]`);
  const configs: Record<string, RegistryHostConfig> = {};
  for (const [host, c] of Object.entries(configsRaw)) {
    const where = `${source}: configs[${JSON.stringify(host)}]`;
    if (!isObject(c)) throw new Error(`${where}: expected a mapping with auth and/or tls`);
    configs[host.replace(/^https?:\/\//, "").replace(/\/.*$/, "")] = Object.freeze({ auth: parseAuth(c.auth, `${where}.auth`), tls: parseTls(c.tls, `${where}.tls`) });
  }
  return Object.freeze({ mirrors: Object.freeze(mirrors), configs: Object.freeze(configs) });
}

/** Reads registries.yaml; a missing file means no mirrors and no configs. */
export async function loadRegistries(path: string): Promise<RegistriesConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return EMPTY_REGISTRIES;
    throw err;
  }
  return parseRegistries(text, path);
}

/** An endpoint URL: scheme defaults by the loopback rule; an empty path becomes /v2. */
function endpointUrl(raw: string, where: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `${isLoopbackHost(raw.replace(/\/.*$/, "")) ? "http" : "https"}://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`${where}: ${JSON.stringify(raw)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${where}: ${JSON.stringify(raw)} must use http or https`);
  if (url.pathname === "" || url.pathname === "/") url.pathname = "/v2";
  return url;
}

function configFor(config: RegistriesConfig, host: string): RegistryHostConfig {
  return config.configs[host] ?? config.configs["*"] ?? {};
}

/** The registry's own endpoint: registry-1.docker.io for docker.io; HTTP on loopback, else HTTPS. */
export function defaultEndpointBase(domain: string): string {
  if (domain === DEFAULT_DOMAIN) return "https://registry-1.docker.io/v2";
  return `${isLoopbackHost(domain) ? "http" : "https"}://${domain}/v2`;
}

/**
 * Where to ask for `ref`, in order: its mirror's endpoints (rewritten), then the default endpoint
 * (left out with `disableDefault` when the registry has a mirror entry).
 */
export function endpointsFor(config: RegistriesConfig, ref: ImageReference, opts: { disableDefault?: boolean } = {}): Endpoint[] {
  const mirror = config.mirrors[ref.domain] ?? config.mirrors["*"];
  const out: Endpoint[] = [];
  for (const raw of mirror?.endpoints ?? []) {
    const url = endpointUrl(raw, `mirror endpoint for ${ref.domain}`);
    const base = `${url.origin}${url.pathname.replace(/\/$/, "")}`;
    let path = ref.path;
    const rule = mirror!.rewrites.find((r) => r.pattern.test(path));
    if (rule) path = path.replace(rule.pattern, rule.replacement);
    out.push({ base, host: url.host, path, mirror: true, config: configFor(config, url.host) });
  }
  const base = defaultEndpointBase(ref.domain);
  // As k3s's --disable-default-registry-endpoint: only registries with a mirror entry lose it.
  if ((!opts.disableDefault || !mirror) && !out.some((e) => e.base === base && e.path === ref.path)) {
    out.push({ base, host: ref.domain, path: ref.path, mirror: false, config: configFor(config, ref.domain) });
  }
  return out;
}
