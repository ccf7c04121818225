// The OCI distribution API client: manifests and blobs of one repository at one endpoint, with
// the auth challenge handled (see auth.ts) and every manifest checked against its digest.
import { Authorizer, parseChallenge } from "./auth.ts";
import { isDigest, sha256 } from "./digest.ts";
import { DigestMismatchError, RegistryError, registryErrorText } from "./errors.ts";
import { MANIFEST_ACCEPT, type Descriptor } from "./media.ts";
import type { Endpoint, RegistryAuth } from "./registries.ts";
import { Transport, type FetchLike } from "./transport.ts";

const MAX_MANIFEST_BYTES = 4 << 20;
/** Manifests are small: a registry that takes longer than this is treated as unreachable. */
const MANIFEST_TIMEOUT_MS = 30_000;

export interface FetchedManifest {
  /** sha256 of the exact bytes served. */
  digest: string;
  /** From Content-Type (or the body's mediaType). */
  mediaType: string;
  bytes: Uint8Array;
  text: string;
}

export class RegistryClient {
  readonly transport: Transport;
  private readonly authorizer: Authorizer;

  constructor(opts: { fetch?: FetchLike; now?: () => number } = {}) {
    this.transport = new Transport(opts.fetch);
    this.authorizer = new Authorizer(this.transport, opts.now);
  }

  /** GET with authentication: a 401 with a challenge is answered once, then the registry's answer stands. */
  private async send(ep: Endpoint, url: string, headers: Record<string, string>, credentials: RegistryAuth | undefined, timeoutMs?: number): Promise<Response> {
    const scope = `repository:${ep.path}:pull`;
    const tls = await this.transport.tls(ep.config.tls);
    const auth = credentials ?? ep.config.auth;
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.authorizer.header(ep.host, scope, auth, tls);
      const res = await this.transport.request(url, { headers: { ...headers, ...(authorization ? { authorization } : {}) }, tls, timeoutMs });
      if (res.status !== 401 || attempt > 0) return res;
      const challenge = parseChallenge(res.headers.get("www-authenticate"));
      if (!challenge) return res;
      if (challenge.scheme === "basic" && !auth?.username) return res;
      if (authorization?.startsWith("Basic ") && challenge.scheme === "basic") return res; // credentials refused
      if (authorization?.startsWith("Bearer ")) this.authorizer.forget(ep.host, scope, auth);
      this.authorizer.learn(ep.host, challenge);
      await res.body?.cancel();
    }
  }

  private async fail(res: Response, method: string, url: string): Promise<never> {
    const text = await res.text().catch(() => "");
    throw new RegistryError(res.status, `${method} ${url}: ${registryErrorText(res.status, text)}`, url);
  }

  /** A manifest or index by tag or digest; a digest reference must match the bytes served. */
  async getManifest(ep: Endpoint, reference: string, credentials?: RegistryAuth): Promise<FetchedManifest> {
    const url = `${ep.base}/${ep.path}/manifests/${reference}`;
    const res = await this.send(ep, url, { accept: MANIFEST_ACCEPT }, credentials, MANIFEST_TIMEOUT_MS);
    if (!res.ok) return this.fail(res, "GET", url);
    const length = Number(res.headers.get("content-length") ?? 0);
    if (length > MAX_MANIFEST_BYTES) {
      await res.body?.cancel();
      throw new Error(`GET ${url}: manifest of ${length} bytes is larger than ${MAX_MANIFEST_BYTES}`);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_MANIFEST_BYTES) throw new Error(`GET ${url}: manifest larger than ${MAX_MANIFEST_BYTES} bytes`);
    const digest = sha256(bytes);
    if (isDigest(reference) && digest !== reference) throw new DigestMismatchError(reference, digest, `manifest ${url}`);
    const text = new TextDecoder().decode(bytes);
    const contentType = res.headers.get("content-type")?.split(";")[0]?.trim();
    let mediaType = contentType && contentType !== "application/json" && contentType !== "text/plain" ? contentType : "";
    if (!mediaType) {
      try {
        mediaType = (JSON.parse(text) as { mediaType?: string }).mediaType ?? "";
      } catch {
        // reported by the caller's parse
      }
    }
    return { digest, mediaType, bytes, text };
  }

  /** The blob's bytes as served; the caller checks them against the descriptor while streaming. */
  async openBlob(ep: Endpoint, desc: Descriptor, credentials?: RegistryAuth): Promise<ReadableStream<Uint8Array>> {
    const url = `${ep.base}/${ep.path}/blobs/${desc.digest}`;
    const res = await this.send(ep, url, {}, credentials);
    if (!res.ok) return this.fail(res, "GET", url);
    if (!res.body) throw new Error(`GET ${url}: empty response`);
    return res.body;
  }
}
