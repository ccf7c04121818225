// Subject alternative names: which names the API server's serving certificate must carry,
// and set operations over them. IPs are kept in canonical text, DNS names in lowercase.

import { canonicalIp, firstHostIp, isIpAddress, splitList } from "../config/net.ts";

export interface Sans {
  readonly ips: readonly string[];
  readonly dns: readonly string[];
}

/** Always present: a local kubectl reaches the server over loopback. */
export const LOOPBACK_SANS: Sans = { ips: ["127.0.0.1", "::1"], dns: ["localhost"] };

const UNSPECIFIED = new Set(["0.0.0.0", "::"]);

/** Union of SAN sets in first-seen order, canonicalized, without unspecified addresses. */
export function mergeSans(...sets: Sans[]): Sans {
  const ips = new Set<string>();
  const dns = new Set<string>();
  for (const s of sets) {
    for (const ip of s.ips) {
      const c = canonicalIp(ip);
      if (!UNSPECIFIED.has(c)) ips.add(c);
    }
    for (const d of s.dns) if (d !== "") dns.add(d.toLowerCase());
  }
  return { ips: [...ips], dns: [...dns] };
}

/** Sorts a `--tls-san` style list of names and addresses into a SAN set. */
export function sansFromNames(names: readonly string[]): Sans {
  return {
    ips: names.filter((n) => isIpAddress(n)),
    dns: names.filter((n) => !isIpAddress(n)),
  };
}

/** True when every name of `wanted` is in `have`. */
export function sansCover(have: Sans, wanted: Sans): boolean {
  const h = mergeSans(have);
  const w = mergeSans(wanted);
  return w.ips.every((ip) => h.ips.includes(ip)) && w.dns.every((d) => h.dns.includes(d));
}

export interface ServingSansOptions {
  readonly hostname: string;
  readonly bindAddress?: string;
  readonly advertiseAddress?: string;
  readonly tlsSans?: readonly string[];
  readonly clusterDomain: string;
  /** One CIDR or a comma-separated dual-stack pair; the first host of each is the service IP. */
  readonly serviceCidr: string;
}

/** Every name the API server answers to, as k3s lists them. */
export function servingSans(o: ServingSansOptions): Sans {
  const serviceIps = splitList(o.serviceCidr).map(firstHostIp);
  const addresses = [o.bindAddress, o.advertiseAddress].filter((a): a is string => !!a);
  return mergeSans(
    LOOPBACK_SANS,
    { ips: [...addresses, ...serviceIps], dns: [o.hostname] },
    sansFromNames(o.tlsSans ?? []),
    {
      ips: [],
      dns: [
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        `kubernetes.default.svc.${o.clusterDomain}`,
      ],
    },
  );
}
