// `kubun server`: PKI on first start, then the control plane until SIGINT/SIGTERM.
import { hostname } from "node:os";
import type { ServerConfig } from "../shared/config/types.ts";
import { createLogger, type Logger } from "../shared/log.ts";
import { ensureServerPki } from "../shared/pki/bootstrap.ts";
import { serverPkiOptions } from "../shared/pki/from-config.ts";
import { startServer } from "../server/main.ts";
import type { RunningAgent } from "../agent/agent.ts";
import { agentOptions, startAgentFor } from "./agent.ts";

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
    serviceAccountKeyPem: pki.serviceAccountKeyPem,
    services: { serviceCidr: config.serviceCidr, clusterDns: config.clusterDns },
    podDefaults: { notReadyTolerationSeconds: config.defaultNotReadyTolerationSeconds, unreachableTolerationSeconds: config.defaultUnreachableTolerationSeconds },
  });
  log("kubun server ready", { ms: Math.round(performance.now() - started), kubeconfig: pki.kubeconfigPath });
  const agent = config.disableAgent ? undefined : await startLocalAgent(config, `https://${loopbackHost(config.bindAddress)}:${server.port}`, pki.joinToken, log);
  await new Promise<void>((resolve) => {
    const stop = async () => {
      log("shutting down");
      await agent?.stop().catch((e: Error) => log.level("warn")("local agent did not stop cleanly", { error: e.message }));
      await server.stop();
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Where the local agent reaches the API: loopback unless the server listens on one address only. */
function loopbackHost(bindAddress: string): string {
  if (bindAddress === "0.0.0.0" || bindAddress === "127.0.0.1") return "127.0.0.1";
  if (bindAddress === "::" || bindAddress === "::1") return "[::1]";
  return bindAddress.includes(":") ? `[${bindAddress}]` : bindAddress;
}

/**
 * The server's own agent joins like a remote one (URL + token, credential under <data-dir>/agent).
 * If it cannot start (not root, runc missing, …) the control plane keeps serving — unlike k3s,
 * which exits — so a laptop without runc still gets an API server; the error says why.
 */
async function startLocalAgent(config: ServerConfig, server: string, token: string, log: Logger): Promise<RunningAgent | undefined> {
  try {
    const agent = await startAgentFor(agentOptions({ ...config, server, token }, log.with({ component: "local-agent" })));
    agent.ready.then(
      () => log("local agent ready", { node: agent.nodeName, podCIDR: agent.podCIDR }),
      (e: Error) => log.level("error")("local agent failed; the control plane keeps running without it", { error: e.message }),
    );
    return agent;
  } catch (e) {
    log.level("error")("local agent failed to start; the control plane keeps running without it (--disable-agent silences this)", { error: (e as Error).message });
    return undefined;
  }
}
