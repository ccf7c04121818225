// Pod IPs from the node's pod CIDR (IPv4): the lowest free host address, skipping the network
// address, the gateway (.1, the bridge) and the broadcast address. One address per pod uid.

export interface PodIpam {
  readonly cidr: string;
  /** The pod's address; the same one again for a uid that already has one. */
  allocate(uid: string): string;
  /** Take a known address (a pod adopted after a restart). */
  reserve(uid: string, ip: string): void;
  release(uid: string): void;
  /** Addresses handed out. */
  readonly size: number;
}

export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export function parseCIDR(cidr: string): { base: number; bits: number } {
  const [ip, bitsText] = cidr.split("/");
  const addr = parseIPv4(ip ?? "");
  const bits = Number(bitsText);
  if (addr === undefined || !/^\d{1,2}$/.test(bitsText ?? "") || bits > 30) {
    throw new Error(`pod CIDR "${cidr}" must be an IPv4 CIDR with a prefix of at most /30, such as 10.42.0.0/24`);
  }
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (addr & mask) >>> 0, bits };
}

export function createIpam(cidr: string): PodIpam {
  const { base, bits } = parseCIDR(cidr);
  const count = 2 ** (32 - bits);
  const first = base + 2;
  const last = base + count - 2;
  const byUid = new Map<string, number>();
  const used = new Set<number>();
  let next = first;
  return {
    cidr,
    allocate(uid) {
      const have = byUid.get(uid);
      if (have !== undefined) return formatIPv4(have);
      for (let i = 0; i <= last - first; i++) {
        const n = first + ((next - first + i) % (last - first + 1));
        if (used.has(n)) continue;
        used.add(n);
        byUid.set(uid, n);
        next = n + 1 > last ? first : n + 1;
        return formatIPv4(n);
      }
      throw new Error(`pod CIDR ${cidr} has no free address (${used.size} in use)`);
    },
    reserve(uid, ip) {
      const n = parseIPv4(ip);
      if (n === undefined || n < first || n > last) throw new Error(`pod IP ${ip} is not a host address of the pod CIDR ${cidr}`);
      byUid.set(uid, n);
      used.add(n);
    },
    release(uid) {
      const n = byUid.get(uid);
      if (n === undefined) return;
      byUid.delete(uid);
      used.delete(n);
    },
    get size() {
      return used.size;
    },
  };
}
