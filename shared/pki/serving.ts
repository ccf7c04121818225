// The API server's serving certificate: issue it for a set of SANs and read SANs back.

import { certToPem, signLeaf, type CertificateAuthority } from "./ca.ts";
import { generateKeyPair, privateKeyToPem } from "./keys.ts";
import { mergeSans, type Sans } from "./sans.ts";
import { x509, type X509Certificate } from "./x509.ts";

export interface IssuedCertificate {
  readonly cert: X509Certificate;
  readonly certPem: string;
  readonly keyPem: string;
}

export async function issueServingCertificate(
  ca: CertificateAuthority,
  opts: { sans: Sans; commonName?: string; now?: Date; days?: number },
): Promise<IssuedCertificate> {
  const sans = mergeSans(opts.sans);
  const keys = await generateKeyPair();
  const cert = await signLeaf(ca, {
    subject: [{ CN: [opts.commonName ?? "kube-apiserver"] }],
    publicKey: keys.publicKey,
    usage: "server",
    now: opts.now,
    days: opts.days,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        ...sans.dns.map((value) => ({ type: "dns" as const, value })),
        ...sans.ips.map((value) => ({ type: "ip" as const, value })),
      ]),
    ],
  });
  return { cert, certPem: certToPem(cert), keyPem: await privateKeyToPem(keys.privateKey) };
}

/** The DNS and IP SANs a certificate carries. */
export function sansOf(cert: X509Certificate): Sans {
  const ext = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const names = ext?.names.toJSON() ?? [];
  return mergeSans({
    ips: names.filter((n) => n.type === "ip").map((n) => n.value),
    dns: names.filter((n) => n.type === "dns").map((n) => n.value),
  });
}
