// Where an agent keeps its node credential under the data dir.
import { join } from "node:path";

export interface AgentCredentialPaths {
  readonly dir: string;
  /** The node's client certificate, CN=system:node:<name>. */
  readonly cert: string;
  /** Its private key (0600). */
  readonly key: string;
  /** The API server's CA, pinned by the join token's hash. */
  readonly serverCa: string;
  /** The CA that signed the node certificate. */
  readonly clientCa: string;
  /** The node password (0600): random, made once, proves this machine owns the node name. */
  readonly password: string;
}

export function agentCredentialPaths(dataDir: string): AgentCredentialPaths {
  const dir = join(dataDir, "agent");
  return {
    dir,
    cert: join(dir, "node.crt"),
    key: join(dir, "node.key"),
    serverCa: join(dir, "server-ca.crt"),
    clientCa: join(dir, "client-ca.crt"),
    password: join(dir, "node-password"),
  };
}
