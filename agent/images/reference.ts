// Image references, normalized as containerd and the kubelet do: `busybox` →
// `docker.io/library/busybox:latest`, `127.0.0.1:5000/busybox` keeps its registry, a digest
// (`name@sha256:…`) pins the content and a tag next to it is kept for display only.
// Grammar: github.com/distribution/reference (only sha256 digests are accepted).
import { ImageError } from "./errors.ts";

export const DEFAULT_DOMAIN = "docker.io";
const LEGACY_DOMAINS = new Set(["index.docker.io", "registry-1.docker.io"]);

export interface ImageReference {
  /** Registry host[:port], e.g. "docker.io", "127.0.0.1:5000", "[::1]:5000". */
  readonly domain: string;
  /** Repository path inside the registry, e.g. "library/busybox". */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
  /** domain/path */
  readonly name: string;
  /** name[:tag][@digest]: the canonical form images are recorded under. */
  readonly canonical: string;
}

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN_RE = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;

function invalid(ref: string, why: string): ImageError {
  return new ImageError("InvalidImageName", `Failed to apply default image tag "${ref}": couldn't parse image name "${ref}": ${why}`);
}

/** Parses and normalizes an image reference; throws an ImageError with reason InvalidImageName. */
export function parseReference(ref: string): ImageReference {
  if (!ref || ref !== ref.trim()) throw invalid(ref, "invalid reference format");
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) throw invalid(ref, `invalid digest "${digest}" (only sha256:<64 hex> is supported)`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/") && !rest.endsWith("]")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) throw invalid(ref, `invalid tag "${tag}"`);
  }
  let domain = DEFAULT_DOMAIN;
  let path = rest;
  const slash = rest.indexOf("/");
  const first = slash >= 0 ? rest.slice(0, slash) : "";
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first.startsWith("[") || first.toLowerCase() !== first)) {
    domain = first;
    path = rest.slice(slash + 1);
    if (!DOMAIN_RE.test(domain)) throw invalid(ref, `invalid registry "${domain}"`);
  }
  if (LEGACY_DOMAINS.has(domain)) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !path.includes("/")) path = `library/${path}`;
  if (path.toLowerCase() !== path) throw invalid(ref, "repository name must be lowercase");
  for (const c of path.split("/")) if (!PATH_COMPONENT_RE.test(c)) throw invalid(ref, "invalid reference format");
  if (!tag && !digest) tag = "latest";
  const name = `${domain}/${path}`;
  if (name.length > 255) throw invalid(ref, "repository name must not be more than 255 characters");
  const canonical = `${name}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
  return Object.freeze({ domain, path, tag, digest, name, canonical });
}

/** The reference the registry is asked for: the digest when there is one, else the tag. */
export function manifestRef(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? "latest";
}

/** `name@digest`: how a pulled image is also known once its manifest digest is known. */
export function digestReference(ref: ImageReference, manifestDigest: string): string {
  return `${ref.name}@${manifestDigest}`;
}

/** Whether the host part is a loopback address (127.0.0.0/8, localhost, ::1), ignoring the port. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = hostPort.startsWith("[")
    ? hostPort.slice(1, hostPort.indexOf("]"))
    : hostPort.split(":").length > 2
      ? hostPort // a bare IPv6 address
      : hostPort.replace(/:\d+$/, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
