// `kubun server`: PKI on first start, then the control plane until SIGINT/SIGTERM.
import { hostname } from "node:os";
import type { ServerConfig } from "../shared/config/types.ts";
import { createLogger } from "../shared/log.ts";
import { ensureServerPki } from "../shared/pki/bootstrap.ts";
import { serverPkiOptions } from "../shared/pki/from-config.ts";
import { startServer } from "../server/main.ts";

export async function runServer(config: ServerConfig): Promise<void> {
  const log = createLogger(config.logLevel as never);
  const started = performance.now();
  const pki = await ensureServerPki(serverPkiOptions(config, hostname()));
  const advertiseHost = config.advertiseAddress ?? (config.bindAddress === "0.0.0.0" ? "127.0.0.1" : config.bindAddress);
  const server = await startServer({
    port: config.httpsListenPort,
    bindAddress: config.bindAddress,
    advertise: `${advertiseHost}:${config.httpsListenPort}`,
    tls: { cert: pki.serving.certPem, key: pki.serving.keyPem },
    tokens: [{ token: pki.admin.token, user: { name: "system:admin", groups: ["system:masters", "system:authenticated"] } }],
    datastore: config.datastoreEndpoint,
    log,
    join: { serverCaPem: pki.serverCa.certPem, clientCa: pki.clientCa, tokenSecret: pki.tokenSecret },
    services: { serviceCidr: config.serviceCidr, clusterDns: config.clusterDns },
    podDefaults: { notReadyTolerationSeconds: config.defaultNotReadyTolerationSeconds, unreachableTolerationSeconds: config.defaultUnreachableTolerationSeconds },
  });
  log("kubun server ready", { ms: Math.round(performance.now() - started), kubeconfig: pki.kubeconfigPath });
  if (!config.disableAgent) log("the local agent is not part of this version yet; running the control plane only");
  await new Promise<void>((resolve) => {
    const stop = async () => {
      log("shutting down");
      await server.stop();
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
