// A joined node's credential in use: every request to the server carries a fresh
// certificate-bound assertion (shared/pki/assertion.ts) and trusts only the pinned server CA.
import { Client, type FetchLike } from "../../shared/client/index.ts";
import { signNodeAssertion } from "../../shared/pki/assertion.ts";
import { parseCertificate } from "../../shared/pki/ca.ts";
import { privateKeyFromPem } from "../../shared/pki/keys.ts";
import { tlsFetch, type TlsFetch } from "./transport.ts";

/** A new assertion is made once the current one has less than this left (lifetime 15 min → every ~10 min). */
export const ASSERTION_REFRESH_MS = 5 * 60 * 1000;

export interface NodeCredentialsInit {
  /** https://HOST:PORT */
  readonly server: string;
  readonly nodeName: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly serverCaPem: string;
  readonly clientCaPem: string;
  readonly fetch?: TlsFetch;
  readonly now?: () => Date;
}

export class NodeCredentials {
  readonly server: string;
  readonly nodeName: string;
  /** The user name the server sees: system:node:<nodeName>. */
  readonly user: string;
  readonly certPem: string;
  readonly serverCaPem: string;
  readonly clientCaPem: string;
  /** When the node certificate expires. */
  readonly notAfter: Date;
  private readonly keyPem: string;
  private key?: Promise<CryptoKey>;
  private current?: Promise<string>;
  /** Expiry of the current assertion in ms, 0 while there is none. */
  private expiresAt = 0;
  private readonly transport: TlsFetch;
  private readonly now: () => Date;

  constructor(init: NodeCredentialsInit) {
    this.server = init.server.replace(/\/+$/, "");
    this.nodeName = init.nodeName;
    this.certPem = init.certPem;
    this.keyPem = init.keyPem;
    this.serverCaPem = init.serverCaPem;
    this.clientCaPem = init.clientCaPem;
    this.transport = init.fetch ?? tlsFetch;
    this.now = init.now ?? (() => new Date());
    const cert = parseCertificate(init.certPem);
    this.user = cert.subjectName.getField("CN")[0] ?? "";
    this.notAfter = cert.notAfter;
  }

  /** A bearer token for the next request, re-signed before the current one runs out. */
  assertion(): Promise<string> {
    const now = this.now();
    const stale = this.expiresAt !== 0 && this.expiresAt - now.getTime() <= ASSERTION_REFRESH_MS;
    if (!this.current || stale) {
      this.expiresAt = 0; // minting: callers meanwhile share the promise
      const minting: Promise<string> = this.mint(now).catch((e) => {
        if (this.current === minting) this.current = undefined;
        throw e;
      });
      this.current = minting;
    }
    return this.current;
  }

  private async mint(now: Date): Promise<string> {
    this.key ??= privateKeyFromPem(this.keyPem);
    const a = await signNodeAssertion({ certPem: this.certPem, key: await this.key, now });
    this.expiresAt = a.expiresAt.getTime();
    return a.token;
  }

  /** fetch for shared/client: the assertion header and the pinned CA on every request. */
  readonly fetch: FetchLike = async (req) => {
    const headers = new Headers(req.headers);
    headers.set("authorization", `Bearer ${await this.assertion()}`);
    return this.transport(new Request(req, { headers }), { ca: this.serverCaPem });
  };

  /** A REST client acting as this node. */
  client(opts: { userAgent?: string } = {}): Client {
    return new Client({ baseUrl: this.server, fetch: this.fetch, userAgent: opts.userAgent ?? `kubun-agent/${this.nodeName}` });
  }
}
