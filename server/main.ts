// Start the control plane: open the store, build the registry, bootstrap objects, keep CRDs
// in sync, compact history in the background, and serve the API over HTTPS.
import type { Logger } from "../shared/log.ts";
import { createApp } from "./api/app.ts";
import { AuthenticatorChain, TokenAuthenticator } from "./api/auth.ts";
import type { ApiContext, User } from "./api/context.ts";
import { Registry } from "./api/registry/registry.ts";
import { ObjectStore } from "./api/storage/objects.ts";
import { strategiesWith, type PodDefaultsOptions } from "./api/strategy/index.ts";
import { bootstrapObjects } from "./bootstrap.ts";
import { startControllers } from "./controllers/index.ts";
import { startKubernetesService } from "./controllers/endpoints/index.ts";
import { startServiceAddresses, type ServiceAddressOptions } from "./api/allocators/index.ts";
import { Client } from "../shared/client/index.ts";
import { KUBE_VERSION } from "../shared/version.ts";
import { startCrdSync } from "./crd-sync.ts";
import { openBackend, startCompactor } from "./store/index.ts";
import { NodeAssertionAuthenticator } from "./join/node-assertions.ts";
import { ServiceAccountAuthenticator } from "./api/serviceaccount/authenticator.ts";
import { ServiceAccountTokens } from "./api/serviceaccount/tokens.ts";
import { createJoinApp, isJoinPath, type JoinOptions } from "./join/routes.ts";
import { TunnelHub, TUNNEL_PATH, tunnelEndpoint, websocketHandler } from "./tunnel/index.ts";

export interface ServerOptions {
  port: number;
  bindAddress: string;
  /** host:port clients use to reach the API. */
  advertise: string;
  tls: { cert: string; key: string };
  tokens: { token: string; user: User }[];
  /** Datastore DSN: sqlite:///path/state.db or memory:// */
  datastore: string;
  log: Logger;
  now?: () => Date;
  /** Node join: CAs and the join secret. Without it, no /cacerts, no node credentials, no node assertions. */
  join?: Omit<JoinOptions, "ctx">;
  /** Service cluster IPs and node ports (default: --service-cidr 10.43.0.0/16, DNS at 10.43.0.10). */
  services?: Omit<ServiceAddressOptions, "log">;
  /** Pod defaults: --default-not-ready-toleration-seconds, --default-unreachable-toleration-seconds (300). */
  podDefaults?: PodDefaultsOptions;
  /** PKCS#8 PEM key signing service account tokens; without it no serviceaccounts/token, no token volumes on pods. */
  serviceAccountKeyPem?: string;
}

export interface RunningServer {
  port: number;
  auth: TokenAuthenticator;
  ctx: ApiContext;
  stop(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const backend = await openBackend(opts.datastore);
  const registry = new Registry(strategiesWith({ pods: opts.podDefaults }));
  // Agents' tunnels: pods/log, exec, attach and portforward reach nodes through them.
  const streams = new TunnelHub(opts.log);
  const ctx: ApiContext = {
    streams,
    registry,
    store: new ObjectStore(backend),
    now: opts.now ?? (() => new Date()),
    advertise: opts.advertise,
    log: opts.log,
  };
  const auth = new TokenAuthenticator();
  for (const t of opts.tokens) auth.add(t.token, t.user);
  const controllerToken = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
  auth.add(controllerToken, { name: "system:kube-controller-manager", groups: ["system:masters"] });
  await bootstrapObjects(ctx);
  const addresses = await startServiceAddresses(ctx, { serviceCidr: "10.43.0.0/16", clusterDns: "10.43.0.10", ...opts.services, log: opts.log });
  const crds = await startCrdSync(ctx);
  const compactor = startCompactor(backend);
  let ready = false;
  const nodes = opts.join && new NodeAssertionAuthenticator({ clientCa: opts.join.clientCa.cert, now: ctx.now }, opts.log.level("debug"));
  if (opts.serviceAccountKeyPem) ctx.serviceAccounts = await ServiceAccountTokens.fromPem(opts.serviceAccountKeyPem, { now: ctx.now });
  const verifiers = [auth, ...(nodes ? [nodes] : []), ...(ctx.serviceAccounts ? [new ServiceAccountAuthenticator(ctx, ctx.serviceAccounts)] : [])];
  const authn = verifiers.length > 1 ? new AuthenticatorChain(verifiers) : auth;
  const app = createApp({ ctx, auth: authn, ready: () => ready });
  const tunnel = tunnelEndpoint({ hub: streams, auth: authn, log: opts.log });
  const join = opts.join && createJoinApp({ ...opts.join, ctx });
  const apiserver = new Client({ baseUrl: "http://kubun.internal", fetch: (req) => app.fetch(req), token: controllerToken, userAgent: `kube-apiserver/v${KUBE_VERSION.major}.${KUBE_VERSION.minor} kubun` });
  const server = Bun.serve({
    port: opts.port,
    hostname: opts.bindAddress,
    tls: { cert: opts.tls.cert, key: opts.tls.key },
    idleTimeout: 0,
    maxRequestBodySize: 8 * 1024 * 1024,
    fetch: (req, srv) => {
      const path = pathOf(req.url);
      if (path === TUNNEL_PATH) return tunnel(req);
      return join && isJoinPath(path) ? join.fetch(req, { ip: srv.requestIP(req)?.address }) : app.fetch(req);
    },
    websocket: websocketHandler,
  });
  streams.upgrader.bind(server);
  // Port 0 (tests) means "any": the kubernetes Service points at the port actually bound.
  const advertise = opts.advertise.replace(/:0$/, `:${server.port}`);
  ctx.advertise = advertise;
  const kubernetesService = await startKubernetesService({ client: apiserver, clusterIp: addresses.kubernetesIp, advertise, log: opts.log });
  ready = true;
  opts.log("api server listening", { address: `${opts.bindAddress}:${server.port}` });
  const controllers = startControllers({ fetch: (req) => app.fetch(req), token: controllerToken, registry, log: opts.log, rootCaPem: opts.join?.serverCaPem });
  return {
    port: server.port!,
    auth,
    ctx,
    async stop() {
      ready = false;
      await controllers.stop();
      await kubernetesService.stop();
      streams.close();
      server.stop(true);
      crds.stop();
      compactor.stop();
      addresses.stop();
      await backend.close();
    },
  };
}

/** The path of a request URL without parsing all of it. */
function pathOf(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const end = url.indexOf("?", start);
  return start < 0 ? "/" : url.slice(start, end < 0 ? undefined : end);
}
