// The parsed configuration of `kubun server`, `kubun agent` and `kubun sim`: typed, frozen,
// built once by the CLI (cli/config.ts) from flags, KUBUN_* environment variables, the YAML
// config file and defaults, in that order of precedence. Field names are the flag names in
// camelCase; cli/flags.ts checks at compile time that its table and these interfaces agree.

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Flags both server and agent take. */
export interface CommonConfig {
  /** `--config`: the YAML file that was read, if any. */
  readonly configFile: string | undefined;
  readonly logLevel: LogLevel;
  /** `--data-dir`, absolute. */
  readonly dataDir: string;
  /** `--node-name`, the hostname in lowercase unless given. */
  readonly nodeName: string;
  readonly nodeIp: string | undefined;
  /** `--node-label key=value`, repeatable. */
  readonly nodeLabel: readonly string[];
  /** `--node-taint key[=value]:Effect`, repeatable. */
  readonly nodeTaint: readonly string[];
  /** `--registry-config`: registry mirrors and credentials file, absolute. */
  readonly registryConfig: string | undefined;
  /** `--container-log-max-size`, a quantity ("10Mi"): rotate a container's log file past it. */
  readonly containerLogMaxSize: string;
  /** `--container-log-max-files`: files kept per container run (default 5). */
  readonly containerLogMaxFiles: number;
  /** `--container-backoff-max`, a duration ("5m"): the cap of crash-loop and image-pull back-offs. */
  readonly containerBackoffMax: string;
  /** `--sync-frequency`, a duration ("1m"): how often running pods' configMap/secret volumes are refreshed. */
  readonly syncFrequency: string;
}

export interface ServerConfig extends CommonConfig {
  /** `--token`: the join secret, bare or as a full K10 token. Generated on first start when absent. */
  readonly token: string | undefined;
  readonly httpsListenPort: number;
  readonly bindAddress: string;
  readonly advertiseAddress: string | undefined;
  /** `--tls-san`, repeatable: extra names and addresses for the serving certificate. */
  readonly tlsSan: readonly string[];
  /** `--write-kubeconfig`, absolute. */
  readonly writeKubeconfig: string;
  /** `--write-kubeconfig-mode`, parsed from octal text ("0644"). */
  readonly writeKubeconfigMode: number;
  readonly disableAgent: boolean;
  /** One CIDR or a comma-separated dual-stack pair. */
  readonly clusterCidr: string;
  readonly serviceCidr: string;
  readonly clusterDns: string;
  readonly clusterDomain: string;
  /** `sqlite:///<data-dir>/server/db/state.db` unless given. */
  readonly datastoreEndpoint: string;
  /** How long pods without their own toleration stay on a NotReady node before eviction (seconds). */
  readonly defaultNotReadyTolerationSeconds: number;
  /** How long pods without their own toleration stay on an unreachable node before eviction (seconds). */
  readonly defaultUnreachableTolerationSeconds: number;
}

export interface AgentConfig extends CommonConfig {
  /** `--server` / KUBUN_URL: `https://HOST:6443`. */
  readonly server: string;
  readonly token: string;
  /** `--cluster-cidr`: the range this node's pod /24 is cut from (the server's value). */
  readonly clusterCidr: string;
  /** `--cluster-dns`: pods' nameserver. */
  readonly clusterDns: string;
  readonly clusterDomain: string;
}

/** `kubun sim`: simulated nodes that join like agents (cli/sim.ts). */
export interface SimConfig {
  /** `--config`: the YAML file that was read, if any. */
  readonly configFile: string | undefined;
  readonly logLevel: LogLevel;
  /** `--data-dir`: node credentials go to <data-dir>/sim/<node name>/agent. */
  readonly dataDir: string;
  /** `--server` / KUBUN_URL: https://HOST:6443. */
  readonly server: string;
  /** `--token`: the join token (K10…). */
  readonly token: string;
  /** `--nodes`, default 1. */
  readonly nodes: number;
  /** `--node-name-prefix`, default "sim": nodes sim-0, sim-1, … */
  readonly nodeNamePrefix: string;
  /** `--sim-startup-delay`, default "200ms": pod create → Running, jittered ±50%. */
  readonly simStartupDelay: string;
  /** `--sim-completion`, default "1s": how long restartPolicy Never/OnFailure pods run. */
  readonly simCompletion: string;
  /** `--sim-shared-watch`: one pod and one node watch for all nodes instead of one each. */
  readonly simSharedWatch: boolean;
}
