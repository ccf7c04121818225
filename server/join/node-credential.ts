// POST /v1-kubun/node-credential: a joining node trades its CSR for a client certificate
// CN=system:node:<name>, O=system:nodes from the client CA. The identity comes from the
// request's nodeName, never from the CSR's subject.
import { errors } from "../../shared/api/errors.ts";
import type { CertificateAuthority } from "../../shared/pki/ca.ts";
import { issueClientCertificate } from "../../shared/pki/client.ts";
import { checkNodePassword, type NodePasswordStore } from "./node-password.ts";

export const NODE_CREDENTIAL_PATH = "/v1-kubun/node-credential";
export const NODE_CERT_DAYS = 365;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface NodeCredentialRequest {
  nodeName: string;
  csr: string;
  nodePassword: string;
}

export interface NodeCredentialResponse {
  /** PEM, CN=system:node:<nodeName>, O=system:nodes. */
  certificate: string;
  /** The CA that signed `certificate`. */
  clientCA: string;
  /** The CA of the API server's serving certificate. */
  serverCA: string;
}

/** The request body, or a 400 naming the field that is wrong. */
export function readNodeCredentialRequest(body: unknown): NodeCredentialRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw errors.badRequest("node credential request must be a JSON object {nodeName, csr, nodePassword}");
  const b = body as Record<string, unknown>;
  const str = (f: string) => {
    if (typeof b[f] !== "string" || b[f] === "") throw errors.badRequest(`node credential request: ${f} must be a non-empty string`);
    return b[f] as string;
  };
  const nodeName = str("nodeName");
  if (nodeName.length > 253 || !DNS_SUBDOMAIN.test(nodeName)) {
    throw errors.badRequest(`node credential request: nodeName ${JSON.stringify(nodeName.slice(0, 300))} must be a lowercase DNS subdomain (RFC 1123) of at most 253 characters`);
  }
  const csr = str("csr");
  if (!csr.includes("-----BEGIN CERTIFICATE REQUEST-----")) throw errors.badRequest("node credential request: csr must be a PEM certificate request (-----BEGIN CERTIFICATE REQUEST-----)");
  const nodePassword = str("nodePassword");
  if (nodePassword.length > 1024) throw errors.badRequest("node credential request: nodePassword must be at most 1024 characters");
  return { nodeName, csr, nodePassword };
}

export interface IssueOptions {
  readonly clientCa: CertificateAuthority;
  readonly serverCaPem: string;
  readonly store: NodePasswordStore;
  readonly now: Date;
}

export async function issueNodeCredential(req: NodeCredentialRequest, opts: IssueOptions): Promise<NodeCredentialResponse> {
  // The certificate is signed first so that a bad CSR stores no password; it is handed out
  // only after the password check.
  let certPem: string;
  try {
    ({ certPem } = await issueClientCertificate(opts.clientCa, req.csr, {
      cn: `system:node:${req.nodeName}`,
      o: ["system:nodes"],
      days: NODE_CERT_DAYS,
      now: opts.now,
    }));
  } catch (e) {
    throw errors.badRequest(`node credential request: csr is not a valid certificate request: ${e instanceof Error ? e.message : String(e)}`);
  }
  await checkNodePassword(opts.store, req.nodeName, req.nodePassword);
  return { certificate: certPem, clientCA: opts.clientCa.certPem, serverCA: opts.serverCaPem };
}
