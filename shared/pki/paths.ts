// Where the server keeps its credentials, in k3s's layout under the data dir.

import { join } from "node:path";

export interface CertKeyPaths {
  readonly cert: string;
  readonly key: string;
}

export interface PkiPaths {
  readonly tlsDir: string;
  readonly serverCa: CertKeyPaths;
  readonly clientCa: CertKeyPaths;
  /** The API server's serving certificate. */
  readonly serving: CertKeyPaths;
  /** The admin client certificate (CN=system:admin, O=system:masters). */
  readonly admin: CertKeyPaths;
  /** The API server's client certificate towards kubelets (logs, exec, port-forward). */
  readonly kubeApiserverClient: CertKeyPaths;
  /** The key that signs service account tokens. */
  readonly serviceAccountKey: string;
  /** The admin bearer token. */
  readonly adminToken: string;
  /** The join token, `K10<ca hash>::server:<secret>`. */
  readonly token: string;
}

export function pkiPaths(dataDir: string): PkiPaths {
  const tls = join(dataDir, "server", "tls");
  const pair = (name: string): CertKeyPaths => ({ cert: join(tls, `${name}.crt`), key: join(tls, `${name}.key`) });
  return {
    tlsDir: tls,
    serverCa: pair("server-ca"),
    clientCa: pair("client-ca"),
    serving: pair("serving-kube-apiserver"),
    admin: pair("client-admin"),
    kubeApiserverClient: pair("client-kube-apiserver"),
    serviceAccountKey: join(tls, "service.key"),
    adminToken: join(dataDir, "server", "cred", "admin-token"),
    token: join(dataDir, "server", "token"),
  };
}
