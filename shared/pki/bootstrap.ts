// First start and every restart of a server: make sure its CAs, certificates, admin
// credentials, join token and admin kubeconfig exist, reusing everything already on disk.

import type { CertificateAuthority } from "./ca.ts";
import { issueClientCertificate } from "./client.ts";
import { readTextIfExists, writeFileAtomic } from "./files.ts";
import { caHashOf, formatJoinToken, parseJoinToken, tokenMatchesCa } from "./join-token.ts";
import { generateKeyPair, privateKeyToPem, randomHex } from "./keys.ts";
import { buildKubeconfig, writeKubeconfigIfChanged } from "./kubeconfig.ts";
import { pkiPaths, type PkiPaths } from "./paths.ts";
import { LOOPBACK_SANS, mergeSans, sansCover, type Sans } from "./sans.ts";
import { issueServingCertificate, sansOf } from "./serving.ts";
import { ensureCa, ensureLeaf, ensureSecretFile, type PemPair } from "./stored.ts";

export interface ServerPkiOptions {
  readonly dataDir: string;
  /** Names the serving certificate must carry besides 127.0.0.1, ::1 and localhost (see servingSans). */
  readonly sans: Sans;
  /** `--token`: a bare secret or a full K10 token whose CA hash must match this server's CA. */
  readonly token?: string;
  readonly kubeconfigPath: string;
  readonly kubeconfigMode: number;
  /** The HTTPS port written into the kubeconfig's server URL. */
  readonly port: number;
  readonly now?: Date;
}

export interface ServerPki {
  readonly paths: PkiPaths;
  readonly serverCa: CertificateAuthority;
  readonly clientCa: CertificateAuthority;
  /** The API server's serving certificate and key; `reissued` when this start replaced it. */
  readonly serving: PemPair & { readonly reissued: boolean };
  readonly admin: PemPair & { readonly token: string };
  /** The API server's client certificate towards kubelets (CN=system:kube-apiserver). */
  readonly kubeApiserverClient: PemPair;
  /** PKCS#8 PEM ECDSA P-256 key that signs service account tokens. */
  readonly serviceAccountKeyPem: string;
  /** `K10<sha256 of serverCa.certPem>::server:<secret>`, also stored at paths.token. */
  readonly joinToken: string;
  /** The secret part of the join token: what a node's token password must equal. */
  readonly tokenSecret: string;
  readonly kubeconfigPath: string;
}

export async function ensureServerPki(opts: ServerPkiOptions): Promise<ServerPki> {
  const now = opts.now ?? new Date();
  const paths = pkiPaths(opts.dataDir);
  const given = opts.token === undefined || opts.token === "" ? undefined : parseJoinToken(opts.token);

  const serverCa = await ensureCa(paths.serverCa, "kubun-server-ca", now);
  const clientCa = await ensureCa(paths.clientCa, "kubun-client-ca", now);
  if (given && !tokenMatchesCa(given, serverCa.certPem)) {
    throw new Error(`--token pins a server CA with hash ${given.caHash}, but this server's CA (${paths.serverCa.cert}) hashes to ${caHashOf(serverCa.certPem)}`);
  }

  const sans = mergeSans(LOOPBACK_SANS, opts.sans);
  const serving = await ensureLeaf(paths.serving, {
    ca: serverCa,
    now,
    keep: (cert) => sansCover(sansOf(cert), sans),
    issue: () => issueServingCertificate(serverCa, { sans, now }),
  });

  const clientLeaf = (cn: string, o: string[]) => async (): Promise<PemPair> => {
    const keys = await generateKeyPair();
    const { certPem } = await issueClientCertificate(clientCa, keys.publicKey, { cn, o, now });
    return { certPem, keyPem: await privateKeyToPem(keys.privateKey) };
  };
  const adminPair = await ensureLeaf(paths.admin, { ca: clientCa, now, issue: clientLeaf("system:admin", ["system:masters"]) });
  const apiserverPair = await ensureLeaf(paths.kubeApiserverClient, { ca: clientCa, now, issue: clientLeaf("system:kube-apiserver", []) });

  const serviceAccountKeyPem = await ensureSecretFile(paths.serviceAccountKey, async () =>
    privateKeyToPem((await generateKeyPair()).privateKey),
  ).then((pem) => `${pem}\n`);
  const adminToken = await ensureSecretFile(paths.adminToken, () => randomHex(32));
  const { joinToken, tokenSecret } = await ensureJoinToken(paths.token, serverCa.certPem, given?.password);

  const kubeconfig = buildKubeconfig({
    server: `https://127.0.0.1:${opts.port}`,
    caPem: serverCa.certPem,
    certPem: adminPair.certPem,
    keyPem: adminPair.keyPem,
    token: adminToken,
  });
  await writeKubeconfigIfChanged(opts.kubeconfigPath, kubeconfig, opts.kubeconfigMode);

  return {
    paths,
    serverCa,
    clientCa,
    serving: { certPem: serving.certPem, keyPem: serving.keyPem, reissued: serving.reissued },
    admin: { certPem: adminPair.certPem, keyPem: adminPair.keyPem, token: adminToken },
    kubeApiserverClient: { certPem: apiserverPair.certPem, keyPem: apiserverPair.keyPem },
    serviceAccountKeyPem,
    joinToken,
    tokenSecret,
    kubeconfigPath: opts.kubeconfigPath,
  };
}

/**
 * The stored join token keeps its secret across restarts. A `--token` secret that differs
 * from the stored one is refused rather than silently replacing it, since nodes already
 * joined with the old one.
 */
async function ensureJoinToken(path: string, caPem: string, givenSecret: string | undefined) {
  const existing = await readTextIfExists(path);
  let secret = givenSecret;
  if (existing !== undefined && existing.trim() !== "") {
    const stored = parseJoinToken(existing);
    if (givenSecret !== undefined && givenSecret !== stored.password) {
      throw new Error(`--token differs from the token this server was set up with (${path}); pass the original token, or remove that file to change it`);
    }
    secret = stored.password;
    const current = formatJoinToken(caPem, secret);
    if (existing.trim() === current) return { joinToken: current, tokenSecret: secret };
  }
  secret ??= randomHex(16);
  const joinToken = formatJoinToken(caPem, secret);
  await writeFileAtomic(path, `${joinToken}\n`);
  return { joinToken, tokenSecret: secret };
}
