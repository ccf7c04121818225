// Joining a cluster with a token, as k3s agents do:
//   1. GET /cacerts without verifying TLS (the CA is not known yet), hash the PEM, compare it
//      with the token's pin — on mismatch stop before writing anything;
//   2. make a key and CSR, POST them with the token's secret and the node password to
//      /v1-kubun/node-credential over TLS now verified against that CA;
//   3. keep certificate, key, CAs and password in <data-dir>/agent.
// A restart with a stored, valid credential needs no token and makes no request.
import { caHashOf, parseJoinToken, tokenMatchesCa, type JoinToken } from "../../shared/pki/join-token.ts";
import { parseCertificate } from "../../shared/pki/ca.ts";
import type { Logger } from "../../shared/log.ts";
import { NodeCredentials } from "./credentials.ts";
import { createNodeKeyRequest } from "./csr.ts";
import { agentCredentialPaths } from "./paths.ts";
import { ensureNodePassword, loadCredential, saveCredential } from "./stored.ts";
import { failureText, tlsFetch, type TlsFetch } from "./transport.ts";

export interface JoinClusterOptions {
  /** https://HOST:PORT */
  readonly server: string;
  /** K10<hash>::<user>:<secret>, K10<hash>::<id>.<secret> or a bare secret; only needed without a stored credential. */
  readonly token?: string;
  readonly dataDir: string;
  readonly nodeName: string;
  readonly fetch?: TlsFetch;
  readonly log?: Logger;
  readonly now?: () => Date;
}

export class JoinError extends Error {}

export async function joinCluster(opts: JoinClusterOptions): Promise<NodeCredentials> {
  const server = opts.server.replace(/\/+$/, "");
  const transport = opts.fetch ?? tlsFetch;
  const now = opts.now ?? (() => new Date());
  const paths = agentCredentialPaths(opts.dataDir);
  const token = opts.token ? parseJoinToken(opts.token) : undefined;
  const credentials = (c: { certPem: string; keyPem: string; serverCaPem: string; clientCaPem: string }) =>
    new NodeCredentials({ server, nodeName: opts.nodeName, ...c, fetch: transport, now });

  const stored = await loadCredential(paths, opts.nodeName, now());
  if (stored && (!token || tokenMatchesCa(token, stored.serverCaPem))) {
    opts.log?.("using the stored node credential", { node: opts.nodeName, dir: paths.dir });
    return credentials(stored);
  }
  if (!token) throw new JoinError(`no node credential for "${opts.nodeName}" in ${paths.dir}: a --token is needed to join`);

  const serverCaPem = await fetchPinnedCa(server, token, transport, opts.log);
  const password = await ensureNodePassword(paths.password);
  const req = await createNodeKeyRequest(opts.nodeName);
  const res = await transport(
    new Request(`${server}/v1-kubun/node-credential`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`node:${token.password}`).toString("base64")}` },
      body: JSON.stringify({ nodeName: opts.nodeName, csr: req.csrPem, nodePassword: password }),
    }),
    { ca: serverCaPem },
  );
  if (!res.ok) throw new JoinError(`joining ${server} as node "${opts.nodeName}" failed (${res.status}): ${await failureText(res)}`);
  const body = (await res.json()) as { certificate?: unknown; clientCA?: unknown; serverCA?: unknown };
  const issued = { ...(await checkIssued(body, req.publicKey, opts.nodeName, serverCaPem)), keyPem: req.keyPem };
  await saveCredential(paths, issued);
  opts.log?.("joined the cluster", { node: opts.nodeName, server });
  return credentials(issued);
}

/** The server's CA, refused unless it matches the token's pin. */
async function fetchPinnedCa(server: string, token: JoinToken, transport: TlsFetch, log?: Logger): Promise<string> {
  const res = await transport(new Request(`${server}/cacerts`), { rejectUnauthorized: false });
  if (!res.ok) throw new JoinError(`GET ${server}/cacerts failed (${res.status}): ${await failureText(res)}`);
  const pem = await res.text();
  if (!tokenMatchesCa(token, pem)) {
    throw new JoinError(`token CA hash does not match: the token pins ${token.caHash}, but the CA served by ${server} hashes to ${caHashOf(pem)}`);
  }
  if (token.caHash === undefined) {
    (log?.level("warn") ?? console.warn)("the join token pins no CA (not a K10 token): the server's CA is trusted on first use", { server });
  }
  return pem;
}

/** The response's certificate must be for our key and name; the server CA must be the pinned one. */
async function checkIssued(body: { certificate?: unknown; clientCA?: unknown; serverCA?: unknown }, publicKey: CryptoKey, nodeName: string, serverCaPem: string) {
  const { certificate, clientCA, serverCA } = body;
  if (typeof certificate !== "string" || typeof clientCA !== "string") throw new JoinError("node credential response lacks certificate or clientCA");
  if (typeof serverCA === "string" && serverCA !== serverCaPem) throw new JoinError("node credential response names a server CA other than the one pinned from /cacerts");
  const cert = parseCertificate(certificate);
  const ours = Buffer.from(await crypto.subtle.exportKey("spki", publicKey));
  if (!ours.equals(Buffer.from(cert.publicKey.rawData))) throw new JoinError("the issued node certificate is not for this node's key");
  const cn = cert.subjectName.getField("CN")[0];
  if (cn !== `system:node:${nodeName}`) throw new JoinError(`the issued node certificate names ${JSON.stringify(cn)}, not system:node:${nodeName}`);
  return { certPem: certificate, serverCaPem, clientCaPem: clientCA };
}
