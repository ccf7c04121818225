// kubun's PKI: CAs, serving and client certificates, join tokens, kubeconfigs, and the
// server's first-start bootstrap that ties them together.

export { ensureServerPki, type ServerPki, type ServerPkiOptions } from "./bootstrap.ts";
export { certToPem, createCa, loadCa, parseCertificate, type CertificateAuthority } from "./ca.ts";
export { issueClientCertificate, verifyClientCertificate, type ClientIdentity } from "./client.ts";
export { readTextIfExists, writeFileAtomic } from "./files.ts";
export { caHashOf, formatJoinToken, parseJoinToken, tokenMatchesCa, type JoinToken } from "./join-token.ts";
export { generateKeyPair, privateKeyFromPem, privateKeyToPem } from "./keys.ts";
export {
  buildKubeconfig,
  currentCredentials,
  parseKubeconfig,
  readKubeconfig,
  writeKubeconfig,
  type Kubeconfig,
} from "./kubeconfig.ts";
export { pkiPaths, type PkiPaths } from "./paths.ts";
export { LOOPBACK_SANS, mergeSans, sansCover, servingSans, type Sans } from "./sans.ts";
export { issueServingCertificate, sansOf } from "./serving.ts";
export { serverPkiOptions } from "./from-config.ts";
