// HTTP for registries: Bun's fetch with per-registry TLS (CA, client certificate, skip-verify)
// and redirects followed by hand, so the Authorization header never leaves the registry's
// origin (blob downloads are often redirected to object storage).
//
// Why fetch and not undici's Agent: Bun resolves `import "undici"` to its own built-in shim,
// whose Agent/dispatcher options are ignored; Bun's fetch takes TLS options directly (`tls`).
import { readFile } from "node:fs/promises";
import { NetworkError } from "./errors.ts";
import type { RegistryTls } from "./registries.ts";

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized?: boolean;
}

/** fetch as Bun has it; tests pass a wrapper that counts or fails requests. */
export type FetchLike = (url: string, init: RequestInit & { tls?: TlsOptions }) => Promise<Response>;

const MAX_REDIRECTS = 10;

export class Transport {
  private readonly tlsCache = new Map<RegistryTls, Promise<TlsOptions>>();

  constructor(private readonly fetchFn: FetchLike = (url, init) => fetch(url, init)) {}

  /** TLS options from registries.yaml, files read once per config. */
  tls(config: RegistryTls | undefined): Promise<TlsOptions | undefined> {
    if (!config) return Promise.resolve(undefined);
    let p = this.tlsCache.get(config);
    if (!p) {
      const read = (f: string | undefined, field: string) =>
        f ? readFile(f, "utf8").catch((err) => Promise.reject(new Error(`registries.yaml tls.${field} ${f}: ${err.message}`))) : Promise.resolve(undefined);
      p = Promise.all([read(config.caFile, "ca_file"), read(config.certFile, "cert_file"), read(config.keyFile, "key_file")]).then(([ca, cert, key]) => ({
        ...(ca ? { ca } : {}),
        ...(cert ? { cert } : {}),
        ...(key ? { key } : {}),
        rejectUnauthorized: !config.insecureSkipVerify,
      }));
      this.tlsCache.set(config, p);
      p.catch(() => this.tlsCache.delete(config));
    }
    return p;
  }

  /** A request that follows redirects; credentials and client TLS stay with the first origin. */
  async request(url: string, init: { method?: string; headers?: Record<string, string>; tls?: TlsOptions; body?: string; timeoutMs?: number }): Promise<Response> {
    const signal = init.timeoutMs ? AbortSignal.timeout(init.timeoutMs) : undefined;
    const origin = new URL(url).origin;
    let current = url;
    for (let i = 0; i <= MAX_REDIRECTS; i++) {
      const sameOrigin = new URL(current).origin === origin;
      const headers = { ...init.headers };
      if (!sameOrigin) delete headers.authorization;
      let res: Response;
      try {
        res = await this.fetchFn(current, {
          method: init.method ?? "GET",
          headers,
          body: init.body,
          redirect: "manual",
          signal,
          ...(sameOrigin && init.tls ? { tls: init.tls } : {}),
        });
      } catch (err) {
        throw new NetworkError(`${init.method ?? "GET"} ${current}`, err);
      }
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return res;
      await res.body?.cancel();
      current = new URL(location, current).toString();
    }
    throw new Error(`GET ${url}: more than ${MAX_REDIRECTS} redirects`);
  }
}
