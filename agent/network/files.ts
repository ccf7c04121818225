// A pod's /etc/hosts, /etc/resolv.conf and hostname, as the kubelet writes them. Pure functions:
// the runtime writes the text into the pod's directory and bind-mounts it.
import type { Pod, PodDNSConfig } from "kubernetes-types/core/v1";

export const MAX_NAMESERVERS = 3;
export const MAX_SEARCHES = 32;
export const MAX_SEARCH_CHARS = 2048;

/** The pod's hostname (spec.hostname or its name, cut to 63 characters) and domain (with spec.subdomain). */
export function podHostname(pod: Pod, clusterDomain: string): { hostname: string; domain?: string } {
  const raw = pod.spec?.hostname || pod.metadata?.name || "localhost";
  const hostname = raw.length > 63 ? raw.slice(0, 63).replace(/[-.]+$/, "") : raw;
  const sub = pod.spec?.subdomain;
  const domain = sub ? `${sub}.${pod.metadata?.namespace ?? "default"}.svc.${clusterDomain}` : undefined;
  return { hostname, domain };
}

/** The hostname file: the FQDN when spec.setHostnameAsFQDN and a subdomain are set. */
export function hostnameFile(pod: Pod, clusterDomain: string): string {
  const { hostname, domain } = podHostname(pod, clusterDomain);
  return `${pod.spec?.setHostnameAsFQDN && domain ? `${hostname}.${domain}` : hostname}\n`;
}

const LOCAL = [
  "127.0.0.1\tlocalhost",
  "::1\tlocalhost ip6-localhost ip6-loopback",
  "fe00::0\tip6-localnet",
  "fe00::0\tip6-mcastprefix",
  "fe00::1\tip6-allnodes",
  "fe00::2\tip6-allrouters",
];

/**
 * The pod's /etc/hosts: localhost entries, the pod's addresses with its hostname, then
 * spec.hostAliases. A hostNetwork pod gets the node's own hosts file instead, plus its aliases.
 */
export function hostsFile(pod: Pod, opts: { podIPs: string[]; clusterDomain: string; nodeHosts?: string }): string {
  const aliases = (pod.spec?.hostAliases ?? []).filter((a) => a.ip && a.hostnames?.length);
  const aliasLines = aliases.length ? ["", "# Entries added by HostAliases.", ...aliases.map((a) => `${a.ip}\t${a.hostnames!.join("\t")}`)] : [];
  if (pod.spec?.hostNetwork) {
    const base = (opts.nodeHosts ?? LOCAL.join("\n")).trimEnd();
    return ["# Kubernetes-managed hosts file (host network).", base, ...aliasLines, ""].join("\n");
  }
  const { hostname, domain } = podHostname(pod, opts.clusterDomain);
  const own = opts.podIPs.map((ip) => (domain ? `${ip}\t${hostname}.${domain}\t${hostname}` : `${ip}\t${hostname}`));
  return ["# Kubernetes-managed hosts file.", ...LOCAL, ...own, ...aliasLines, ""].join("\n");
}

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  /** "ndots:5", "edns0" … */
  options: string[];
}

/** Reads a resolv.conf (the node's, for dnsPolicy Default): nameserver, search/domain, options. */
export function parseResolvConf(text: string): ResolvConf {
  const out: ResolvConf = { nameservers: [], searches: [], options: [] };
  for (const line of text.split("\n")) {
    const [key, ...rest] = line.replace(/[#;].*$/, "").trim().split(/\s+/);
    if (key === "nameserver" && rest[0]) out.nameservers.push(rest[0]);
    else if (key === "search" || key === "domain") out.searches = rest.filter(Boolean);
    else if (key === "options") out.options.push(...rest.filter(Boolean));
  }
  return out;
}

export function formatResolvConf(c: ResolvConf): string {
  const lines = c.nameservers.map((n) => `nameserver ${n}`);
  if (c.searches.length) lines.push(`search ${c.searches.join(" ")}`);
  if (c.options.length) lines.push(`options ${c.options.join(" ")}`);
  return lines.join("\n") + "\n";
}

export type DNSKind = "cluster" | "host" | "none";

/** Which resolver a pod gets: ClusterFirst (the default) falls back to the node's for hostNetwork pods. */
export function dnsKind(pod: Pod, clusterDNS: readonly string[]): DNSKind {
  const policy = pod.spec?.dnsPolicy ?? "ClusterFirst";
  if (policy === "None") return "none";
  if (policy === "Default") return "host";
  if (policy === "ClusterFirst" && pod.spec?.hostNetwork) return "host";
  return clusterDNS.length ? "cluster" : "host"; // as the kubelet: no cluster DNS configured → the node's
}

const unique = (xs: string[]) => [...new Set(xs)];

function mergeOptions(base: string[], extra: PodDNSConfig["options"]): string[] {
  const byName = new Map(base.map((o) => [o.split(":")[0]!, o]));
  for (const o of extra ?? []) if (o.name) byName.set(o.name, o.value !== undefined ? `${o.name}:${o.value}` : o.name);
  return [...byName.values()];
}

/** Cuts the search list to the kubelet's limits (32 domains, 2048 characters). */
function limitSearches(searches: string[]): string[] {
  const out: string[] = [];
  let chars = 0;
  for (const s of searches.slice(0, MAX_SEARCHES)) {
    chars += s.length + (out.length ? 1 : 0);
    if (chars > MAX_SEARCH_CHARS) break;
    out.push(s);
  }
  return out;
}

export interface ResolvOptions {
  /** The agent's --cluster-dns addresses. */
  clusterDNS: readonly string[];
  /** The agent's --cluster-domain, such as cluster.local. */
  clusterDomain: string;
  /** The node's resolv.conf text (dnsPolicy Default, and the search domains appended for ClusterFirst). */
  nodeResolvConf: string;
}

/** The pod's resolver settings from dnsPolicy, then spec.dnsConfig merged in. */
export function podResolvConf(pod: Pod, opts: ResolvOptions): ResolvConf {
  const node = parseResolvConf(opts.nodeResolvConf);
  const ns = pod.metadata?.namespace ?? "default";
  const d = opts.clusterDomain;
  let c: ResolvConf;
  switch (dnsKind(pod, opts.clusterDNS)) {
    case "cluster":
      c = { nameservers: [...opts.clusterDNS], searches: unique([`${ns}.svc.${d}`, `svc.${d}`, d, ...node.searches]), options: ["ndots:5"] };
      break;
    case "host":
      c = node;
      break;
    case "none":
      c = { nameservers: [], searches: [], options: [] };
  }
  const extra = pod.spec?.dnsConfig;
  return {
    nameservers: unique([...c.nameservers, ...(extra?.nameservers ?? [])]).slice(0, MAX_NAMESERVERS),
    searches: limitSearches(unique([...c.searches, ...(extra?.searches ?? [])])),
    options: mergeOptions(c.options, extra?.options),
  };
}

export function resolvConfFile(pod: Pod, opts: ResolvOptions): string {
  return formatResolvConf(podResolvConf(pod, opts));
}

/** All three files for a pod with an address. */
export function podEtcFiles(pod: Pod, opts: ResolvOptions & { podIPs: string[]; nodeHosts?: string }): { hosts: string; resolvConf: string; hostname: string } {
  return {
    hosts: hostsFile(pod, opts),
    resolvConf: resolvConfFile(pod, opts),
    hostname: hostnameFile(pod, opts.clusterDomain),
  };
}
