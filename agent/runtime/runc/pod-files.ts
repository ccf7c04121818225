// The files every container of a pod shares, /etc/hosts, /etc/hostname and /etc/resolv.conf, as
// the kubelet writes them (agent/network/files.ts: dnsPolicy, dnsConfig, hostAliases, subdomain).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Pod } from "kubernetes-types/core/v1";
import { podEtcFiles, podHostname } from "../../network/files.ts";
import type { PodPaths } from "./paths.ts";

export interface DnsConfig {
  /** --cluster-dns; empty: ClusterFirst pods get the node's resolvers (as the kubelet without cluster DNS). */
  nameservers: readonly string[];
  clusterDomain: string;
  /** The node's resolv.conf (default /etc/resolv.conf): dnsPolicy Default, and search domains appended. */
  nodeResolvConf?: string;
}

export function podHostnameOf(pod: Pod, dns: DnsConfig): string {
  return podHostname(pod, dns.clusterDomain).hostname;
}

export function writePodFiles(paths: PodPaths, pod: Pod, ip: string | undefined, dns: DnsConfig): void {
  let nodeResolvConf = "";
  try {
    nodeResolvConf = readFileSync(dns.nodeResolvConf ?? "/etc/resolv.conf", "utf8");
  } catch {}
  const files = podEtcFiles(pod, { clusterDNS: dns.nameservers, clusterDomain: dns.clusterDomain, nodeResolvConf, podIPs: ip ? [ip] : [] });
  mkdirSync(paths.etcDir, { recursive: true });
  writeFileSync(join(paths.etcDir, "hostname"), files.hostname);
  writeFileSync(join(paths.etcDir, "hosts"), files.hosts);
  writeFileSync(join(paths.etcDir, "resolv.conf"), files.resolvConf);
}
