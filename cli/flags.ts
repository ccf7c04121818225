// The one flag table. It drives argv parsing, KUBUN_* environment variables, config file
// keys and --help for `kubun server`, `kubun agent` and `kubun sim` (cli/config.ts, cli/help.ts).
// Defaults are written as they would be typed on the command line.

import { isCidr, isIpAddress, splitList } from "../shared/config/net.ts";
import { LOG_LEVELS, type AgentConfig, type ServerConfig, type SimConfig } from "../shared/config/types.ts";
import { toBytes, tryParseQuantity } from "../shared/quantity/index.ts";
import { checkDuration, checkOctalMode, checkLabel, checkPort, checkPositive, checkServerUrl, checkTaint } from "./checks.ts";

export type Command = "server" | "agent" | "sim";

/** string: text; path: text made absolute; int; bool; list: repeatable, comma-separated; mode: octal text ("0644") as a number. */
export type FlagType = "string" | "path" | "int" | "bool" | "list" | "mode";

export interface DefaultContext {
  readonly hostname: string;
  /** Values already resolved for flags earlier in the table, by config key. */
  readonly values: Readonly<Record<string, unknown>>;
}

export interface FlagSpec {
  /** Long name without dashes; also the config file key. */
  readonly name: string;
  /** Config field name when it is not the camelCase of `name`. */
  readonly key?: string;
  readonly type: FlagType;
  readonly commands: readonly Command[];
  /** Heading under which --help lists the flag. */
  readonly group: string;
  readonly help: string;
  /** Placeholder for the value in --help, e.g. FILE. */
  readonly placeholder?: string;
  /** One-letter alias, e.g. "d" for -d. */
  readonly alias?: string;
  /** Environment variable when it is not KUBUN_<NAME>. */
  readonly env?: string;
  readonly default?: string | ((ctx: DefaultContext) => string);
  /** How --help shows a computed default. */
  readonly defaultText?: string;
  /** Commands for which the flag must be set. */
  readonly required?: readonly Command[];
  readonly choices?: readonly string[];
  /** Checks one value (each item of a list); returns what is wrong, or undefined. */
  readonly check?: (value: string) => string | undefined;
}

const isIpList = (v: string) =>
  splitList(v).length > 0 && splitList(v).every(isIpAddress) ? undefined : "must be an IP address (or two, comma-separated, for dual stack)";
const isIp = (v: string) => (isIpAddress(v) ? undefined : "must be an IP address");
const isCidrList = (v: string) =>
  splitList(v).length > 0 && splitList(v).every(isCidr) ? undefined : "must be a CIDR such as 10.42.0.0/16 (or two, comma-separated, for dual stack)";
const isSeconds = (v: string) => (/^\d+$/.test(v) ? undefined : "must be a whole number of seconds, 0 or more");
const checkLogSize = (v: string) => {
  const q = tryParseQuantity(v);
  return q && toBytes(q) >= 1024n ? undefined : "must be a size of at least 1Ki such as 10Mi";
};
const checkLogFiles = (v: string) => (/^\d+$/.test(v) && Number(v) >= 2 ? undefined : "must be a whole number, 2 or more");
const isDomain = (v: string) => (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(v) ? undefined : "must be a DNS domain such as cluster.local");

export const FLAGS = [
  { name: "config", key: "configFile", type: "path", commands: ["server", "agent", "sim"], group: "General", alias: "c", placeholder: "FILE",
    env: "KUBUN_CONFIG_FILE", defaultText: "/etc/kubun/config.yaml if it exists",
    help: "Read flags from a YAML file whose keys are flag names" },
  { name: "log-level", type: "string", commands: ["server", "agent", "sim"], group: "General", placeholder: "LEVEL", default: "info", choices: LOG_LEVELS,
    help: "Least severe log level to print" },
  { name: "data-dir", type: "path", commands: ["server", "agent", "sim"], group: "General", alias: "d", placeholder: "DIR", default: "/var/lib/kubun",
    help: "Folder that holds state: certificates, the datastore, images, pod data" },
  { name: "token", type: "string", commands: ["server", "agent", "sim"], group: "General", alias: "t", placeholder: "TOKEN", required: ["agent", "sim"],
    help: "Shared secret nodes join with; the server generates one on first start when absent, an agent needs one (bare secret or K10 token)" },
  { name: "server", type: "string", commands: ["agent", "sim"], group: "General", alias: "s", env: "KUBUN_URL", placeholder: "URL", required: ["agent", "sim"], check: checkServerUrl,
    help: "Server to join, https://HOST:6443" },

  { name: "https-listen-port", type: "int", commands: ["server"], group: "Listener", placeholder: "PORT", default: "6443", check: checkPort,
    help: "HTTPS port of the API server" },
  { name: "bind-address", type: "string", commands: ["server"], group: "Listener", placeholder: "IP", default: "0.0.0.0", check: isIp,
    help: "Address the API server listens on" },
  { name: "advertise-address", type: "string", commands: ["server"], group: "Listener", placeholder: "IP", check: isIp,
    help: "Address the API server tells nodes and the kubernetes service to use (default: the node IP)" },
  { name: "tls-san", type: "list", commands: ["server"], group: "Listener", placeholder: "NAME",
    help: "Extra host name or IP for the serving certificate; repeatable" },

  { name: "write-kubeconfig", type: "path", commands: ["server"], group: "Client", alias: "o", placeholder: "FILE", default: "/etc/kubun/kubun.yaml",
    help: "Where to write the admin kubeconfig" },
  { name: "write-kubeconfig-mode", type: "mode", commands: ["server"], group: "Client", placeholder: "MODE", default: "0600", check: checkOctalMode,
    help: "File mode of the admin kubeconfig, in octal such as 0644" },

  { name: "cluster-cidr", type: "string", commands: ["server", "agent"], group: "Networking", placeholder: "CIDR", default: "10.42.0.0/16", check: isCidrList,
    help: "Pod IP range" },
  { name: "service-cidr", type: "string", commands: ["server"], group: "Networking", placeholder: "CIDR", default: "10.43.0.0/16", check: isCidrList,
    help: "Service ClusterIP range" },
  { name: "cluster-dns", type: "string", commands: ["server", "agent"], group: "Networking", placeholder: "IP", default: "10.43.0.10", check: isIpList,
    help: "ClusterIP of the cluster DNS service" },
  { name: "cluster-domain", type: "string", commands: ["server", "agent"], group: "Networking", placeholder: "DOMAIN", default: "cluster.local", check: isDomain,
    help: "Cluster DNS domain" },

  { name: "datastore-endpoint", type: "string", commands: ["server"], group: "Database", placeholder: "DSN",
    default: (c) => `sqlite://${String(c.values.dataDir)}/server/db/state.db`, defaultText: "sqlite://<data-dir>/server/db/state.db",
    help: "Datastore DSN: sqlite:///path/state.db (append ?maxBatch=1 to disable group commit) or memory:// (postgres:// is planned, not available yet)" },

  { name: "default-not-ready-toleration-seconds", type: "int", commands: ["server"], group: "Node lifecycle", placeholder: "SECONDS", default: "300", check: isSeconds,
    help: "How long pods stay on a NotReady node before they are evicted, unless they tolerate it themselves (kube-apiserver's flag of that name)" },
  { name: "default-unreachable-toleration-seconds", type: "int", commands: ["server"], group: "Node lifecycle", placeholder: "SECONDS", default: "300", check: isSeconds,
    help: "How long pods stay on an unreachable node (its Lease not renewed for 40s) before they are evicted, unless they tolerate it themselves" },

  { name: "disable-agent", type: "bool", commands: ["server"], group: "Agent",
    help: "Run only the control plane, without the local agent (which otherwise joins through loopback and runs pods with runc)" },
  { name: "node-name", type: "string", commands: ["server", "agent"], group: "Node", placeholder: "NAME",
    default: (c) => c.hostname.toLowerCase(), defaultText: "the host name",
    help: "Name of this node" },
  { name: "node-ip", type: "string", commands: ["server", "agent"], group: "Node", placeholder: "IP", check: isIpList,
    help: "IP address this node advertises (default: the address of the default route's interface)" },
  { name: "node-label", type: "list", commands: ["server", "agent"], group: "Node", placeholder: "KEY=VALUE", check: checkLabel,
    help: "Label to register the node with; repeatable" },
  { name: "node-taint", type: "list", commands: ["server", "agent"], group: "Node", placeholder: "KEY[=VALUE]:EFFECT", check: checkTaint,
    help: "Taint to register the node with; repeatable" },
  { name: "registry-config", type: "path", commands: ["server", "agent"], group: "Node", placeholder: "FILE",
    help: "Registry mirrors and credentials file" },

  { name: "container-log-max-size", type: "string", commands: ["server", "agent"], group: "Node", placeholder: "QUANTITY", default: "10Mi", check: checkLogSize,
    help: "Rotate a container's log file once it grows past this size, as the kubelet's flag of that name" },
  { name: "container-log-max-files", type: "int", commands: ["server", "agent"], group: "Node", placeholder: "N", default: "5", check: checkLogFiles,
    help: "Log files kept per container run, the current one included (at least 2), as the kubelet's flag of that name" },
  { name: "container-backoff-max", type: "string", commands: ["server", "agent"], group: "Node", placeholder: "DURATION", default: "5m",
    check: (v) => checkDuration(v) ?? (v === "0" ? "must be more than 0" : undefined),
    help: "Longest delay of CrashLoopBackOff restarts and ImagePullBackOff retries: 10s doubling up to this (a value under 10s is every delay, for tests), as the kubelet's crashLoopBackOff.maxContainerRestartPeriod" },
  { name: "sync-frequency", type: "string", commands: ["server", "agent"], group: "Node", placeholder: "DURATION", default: "1m",
    check: (v) => checkDuration(v) ?? (v === "0" ? "must be more than 0" : undefined),
    help: "How often running pods' configMap, secret, downwardAPI and projected volumes are brought up to date, as the kubelet's flag of that name" },

  { name: "nodes", type: "int", commands: ["sim"], group: "Simulation", placeholder: "N", default: "1", check: checkPositive,
    help: "How many simulated nodes to run" },
  { name: "node-name-prefix", type: "string", commands: ["sim"], group: "Simulation", placeholder: "PREFIX", default: "sim",
    help: "Nodes are named PREFIX-0, PREFIX-1, …" },
  { name: "sim-startup-delay", type: "string", commands: ["sim"], group: "Simulation", placeholder: "DURATION", default: "200ms", check: checkDuration,
    help: "How long a simulated pod takes from creation to Running, jittered by ±50%" },
  { name: "sim-completion", type: "string", commands: ["sim"], group: "Simulation", placeholder: "DURATION", default: "1s", check: checkDuration,
    help: "How long containers of pods with restartPolicy Never or OnFailure run before they exit" },
  { name: "sim-shared-watch", type: "bool", commands: ["sim"], group: "Simulation",
    help: "One pod watch and one node watch for all simulated nodes instead of one each" },
] as const satisfies readonly FlagSpec[];

export type Flag = (typeof FLAGS)[number];

export function flagsFor(command: Command): readonly FlagSpec[] {
  return FLAGS.filter((f: FlagSpec) => f.commands.includes(command));
}

export function envName(f: FlagSpec): string {
  return f.env ?? `KUBUN_${f.name.toUpperCase().replaceAll("-", "_")}`;
}

export function configKey(f: FlagSpec): string {
  return f.key ?? f.name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

// ---- The table's shape, checked against shared/config/types.ts at compile time ----

type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
type KeyOf<F> = F extends { key: infer K extends string } ? K : F extends { name: infer N extends string } ? Camel<N> : never;
type ValueOf<F> = F extends { choices: readonly (infer X)[] }
  ? X
  : F extends { type: "int" | "mode" }
    ? number
    : F extends { type: "bool" }
      ? boolean
      : F extends { type: "list" }
        ? readonly string[]
        : string;
type AlwaysSet<F, C> = F extends { type: "bool" | "list" } | { default: unknown }
  ? true
  : F extends { required: readonly (infer R)[] }
    ? C extends R ? true : false
    : false;
type FlagsOf<C extends Command> = Flag extends infer F ? (F extends { commands: readonly (infer X)[] } ? (C extends X ? F : never) : never) : never;
type ConfigOf<C extends Command> = {
  readonly [F in FlagsOf<C> as KeyOf<F>]: AlwaysSet<F, C> extends true ? ValueOf<F> : ValueOf<F> | undefined;
};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;

const serverMatches: Same<ConfigOf<"server">, ServerConfig> = true;
const agentMatches: Same<ConfigOf<"agent">, AgentConfig> = true;
const simMatches: Same<ConfigOf<"sim">, SimConfig> = true;
void serverMatches;
void agentMatches;
void simMatches;
