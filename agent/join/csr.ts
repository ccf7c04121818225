// A fresh node key and a certificate request for it. The server decides the identity; the
// subject here only says what the node asks for.
import { generateKeyPair, privateKeyToPem } from "../../shared/pki/keys.ts";
import { EC_ALGORITHM, x509 } from "../../shared/pki/x509.ts";

export interface NodeKeyRequest {
  readonly keyPem: string;
  readonly publicKey: CryptoKey;
  readonly csrPem: string;
}

export async function createNodeKeyRequest(nodeName: string): Promise<NodeKeyRequest> {
  const keys = await generateKeyPair();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: [{ CN: [`system:node:${nodeName}`] }, { O: ["system:nodes"] }],
    keys,
    signingAlgorithm: EC_ALGORITHM,
  });
  return { keyPem: await privateKeyToPem(keys.privateKey), publicKey: keys.publicKey, csrPem: csr.toString("pem") };
}
