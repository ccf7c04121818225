// Certificate authorities: create a self-signed CA, load one from PEM files, and sign
// leaf certificates with it.

import { generateKeyPair, privateKeyFromPem, privateKeyToPem, randomSerial } from "./keys.ts";
import { EC_ALGORITHM, x509, type Extension, type PublicKey, type X509Certificate } from "./x509.ts";

export interface CertificateAuthority {
  readonly cert: X509Certificate;
  /** The certificate exactly as stored and served, ending in a newline. */
  readonly certPem: string;
  readonly keyPem: string;
  readonly key: CryptoKey;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Certificates start a little in the past so that nodes with slightly slow clocks accept them. */
const BACKDATE_MS = 60 * 60 * 1000;

export const CA_DAYS = 3650;
export const LEAF_DAYS = 365;

/** A certificate as PEM text ending in a newline, the form kubun writes and serves. */
export function certToPem(cert: X509Certificate): string {
  return `${cert.toString("pem")}\n`;
}

export function parseCertificate(pemOrDer: string | ArrayBuffer | ArrayBufferView): X509Certificate {
  return new x509.X509Certificate(pemOrDer);
}

export async function createCa(opts: { commonName: string; now?: Date; days?: number }): Promise<CertificateAuthority> {
  const now = opts.now ?? new Date();
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [opts.commonName] }],
    keys,
    signingAlgorithm: EC_ALGORITHM,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + (opts.days ?? CA_DAYS) * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, certPem: certToPem(cert), keyPem: await privateKeyToPem(keys.privateKey), key: keys.privateKey };
}

export async function loadCa(certPem: string, keyPem: string): Promise<CertificateAuthority> {
  const cert = parseCertificate(certPem);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (!bc?.ca) throw new Error(`certificate "${cert.subject}" is not a CA (basicConstraints CA:TRUE missing)`);
  return { cert, certPem, keyPem, key: await privateKeyFromPem(keyPem) };
}

export interface LeafRequest {
  /** Subject, e.g. `[{ CN: ["system:admin"], O: ["system:masters"] }]`. */
  readonly subject: { [attr: string]: string[] }[];
  readonly publicKey: CryptoKey | PublicKey;
  readonly usage: "server" | "client";
  readonly extensions?: Extension[];
  readonly now?: Date;
  readonly days?: number;
}

/** Signs a leaf certificate (not a CA) for `publicKey` with the CA's key. */
export async function signLeaf(ca: CertificateAuthority, req: LeafRequest): Promise<X509Certificate> {
  const now = req.now ?? new Date();
  const eku = req.usage === "server" ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: req.subject,
    issuer: ca.cert.subjectName,
    publicKey: req.publicKey,
    signingKey: ca.key,
    signingAlgorithm: EC_ALGORITHM,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + (req.days ?? LEAF_DAYS) * DAY_MS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([eku]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
      ...(req.extensions ?? []),
    ],
  });
}

/** True when `cert` was signed by `ca` and names it as issuer. */
export async function isIssuedBy(cert: X509Certificate, ca: X509Certificate): Promise<boolean> {
  if (cert.issuer !== ca.subject) return false;
  return cert.verify({ publicKey: ca.publicKey, signatureOnly: true });
}
