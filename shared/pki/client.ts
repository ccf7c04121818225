// Client certificates: issue one for an identity (CN = user, O = groups) and check one
// presented to the API server.

import { certToPem, isIssuedBy, parseCertificate, signLeaf, type CertificateAuthority } from "./ca.ts";
import { x509, type PublicKey, type X509Certificate } from "./x509.ts";

export interface ClientIdentity {
  readonly user: string;
  readonly groups: readonly string[];
}

export interface ClientCertificateOptions {
  /** The user name (subject CN). */
  readonly cn: string;
  /** The groups (subject O), e.g. `["system:masters"]`. */
  readonly o?: readonly string[];
  readonly days?: number;
  readonly now?: Date;
}

/**
 * Signs a client certificate for the key in a PKCS#10 request (PEM) or for a public key.
 * The identity comes from `opts`, never from the request's subject: the signer decides who
 * the holder is.
 */
export async function issueClientCertificate(
  ca: CertificateAuthority,
  csrPemOrPublicKey: string | CryptoKey,
  opts: ClientCertificateOptions,
): Promise<{ cert: X509Certificate; certPem: string }> {
  let publicKey: CryptoKey | PublicKey;
  if (typeof csrPemOrPublicKey === "string") {
    const csr = new x509.Pkcs10CertificateRequest(csrPemOrPublicKey);
    if (!(await csr.verify())) throw new Error("certificate request signature does not verify");
    publicKey = csr.publicKey;
  } else {
    publicKey = csrPemOrPublicKey;
  }
  const subject = [{ CN: [opts.cn] }, ...(opts.o ?? []).map((o) => ({ O: [o] }))];
  const cert = await signLeaf(ca, { subject, publicKey, usage: "client", now: opts.now, days: opts.days });
  return { cert, certPem: certToPem(cert) };
}

/**
 * The identity a client certificate proves, or undefined when it proves none: it must be
 * signed by `clientCa`, be within its validity window at `now`, not be a CA, allow client
 * authentication, and name a user.
 */
export async function verifyClientCertificate(
  pemOrDer: string | ArrayBuffer | ArrayBufferView,
  clientCa: string | X509Certificate,
  now: Date = new Date(),
): Promise<ClientIdentity | undefined> {
  let cert: X509Certificate;
  try {
    cert = parseCertificate(pemOrDer);
  } catch {
    return undefined;
  }
  const ca = typeof clientCa === "string" ? parseCertificate(clientCa) : clientCa;
  if (now < cert.notBefore || now > cert.notAfter) return undefined;
  if (now < ca.notBefore || now > ca.notAfter) return undefined;
  if (cert.getExtension(x509.BasicConstraintsExtension)?.ca) return undefined;
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku && !eku.usages.includes(x509.ExtendedKeyUsage.clientAuth)) return undefined;
  if (!(await isIssuedBy(cert, ca).catch(() => false))) return undefined;
  const user = cert.subjectName.getField("CN")[0];
  if (!user) return undefined;
  return { user, groups: cert.subjectName.getField("O") };
}
