// The server's PKI options as its configuration implies them.

import { splitList } from "../config/net.ts";
import type { ServerConfig } from "../config/types.ts";
import type { ServerPkiOptions } from "./bootstrap.ts";
import { mergeSans, servingSans } from "./sans.ts";

/** `hostname` is the machine's host name (os.hostname()), a serving certificate name as in k3s. */
export function serverPkiOptions(c: ServerConfig, hostname: string, now?: Date): ServerPkiOptions {
  const sans = servingSans({
    hostname,
    bindAddress: c.bindAddress,
    advertiseAddress: c.advertiseAddress,
    tlsSans: c.tlsSan,
    clusterDomain: c.clusterDomain,
    serviceCidr: c.serviceCidr,
  });
  const nodeIps = c.nodeIp === undefined ? [] : splitList(c.nodeIp);
  return {
    dataDir: c.dataDir,
    sans: mergeSans(sans, { ips: nodeIps, dns: [c.nodeName] }),
    token: c.token,
    kubeconfigPath: c.writeKubeconfig,
    kubeconfigMode: c.writeKubeconfigMode,
    port: c.httpsListenPort,
    now,
  };
}
