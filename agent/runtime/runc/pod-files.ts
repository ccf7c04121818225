// The files every container of a pod shares: /etc/hosts (localhost and the pod's own name),
// /etc/hostname and /etc/resolv.conf (the cluster DNS with the pod's search path).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Pod } from "kubernetes-types/core/v1";
import type { PodPaths } from "./paths.ts";

export interface DnsConfig {
  /** --cluster-dns; empty: the resolv.conf has no nameserver line. */
  nameservers: readonly string[];
  clusterDomain: string;
}

export function resolvConf(namespace: string, dns: DnsConfig): string {
  const d = dns.clusterDomain;
  const lines = dns.nameservers.map((n) => `nameserver ${n}`);
  lines.push(`search ${namespace}.svc.${d} svc.${d} ${d}`, "options ndots:5");
  return `${lines.join("\n")}\n`;
}

export function hostsFile(hostname: string, ip: string | undefined): string {
  const lines = ["127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback", "fe00::0\tip6-localnet", "fe00::1\tip6-allnodes", "fe00::2\tip6-allrouters"];
  lines.push(`${ip ?? "127.0.1.1"}\t${hostname}`);
  return `# Kubernetes-managed hosts file.\n${lines.join("\n")}\n`;
}

export function writePodFiles(paths: PodPaths, pod: Pod, ip: string | undefined, dns: DnsConfig): void {
  const name = pod.spec?.hostname ?? pod.metadata?.name ?? "";
  mkdirSync(paths.etcDir, { recursive: true });
  writeFileSync(join(paths.etcDir, "hostname"), `${name}\n`);
  writeFileSync(join(paths.etcDir, "hosts"), hostsFile(name, ip));
  writeFileSync(join(paths.etcDir, "resolv.conf"), resolvConf(pod.metadata?.namespace ?? "default", dns));
}
