// The spaces Services draw from, as numbered offsets: the usable addresses of a service CIDR
// (IPv4 without its network and broadcast addresses, IPv6 without its network address, as
// upstream's ipallocator) and a node port range such as 30000-32767.
import { bytesToIp, canonicalIp, ipToBytes, parseCidr } from "../../../shared/config/net.ts";

export interface Space {
  /** How many items can be handed out: offsets 0 … size-1. */
  readonly size: number;
  /** The offset of an item, or undefined when it is not in this space. */
  offsetOf(item: string): number | undefined;
  itemAt(offset: number): string;
  /** Upstream's wording of the range in "not in the valid range" errors. */
  readonly description: string;
}

export type IpFamily = "IPv4" | "IPv6";

export interface AddressRange extends Space {
  readonly family: IpFamily;
  readonly cidr: string;
}

/** Upstream keeps IPv6 service ranges to /108 and smaller; a larger one is used up to this many. */
const MAX_SIZE = 1 << 20;

const toBig = (b: Uint8Array) => b.reduce((n, x) => (n << 8n) | BigInt(x), 0n);

function fromBig(n: bigint, length: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, n >>= 8n) b[i] = Number(n & 0xffn);
  return b;
}

export function familyOf(ip: string): IpFamily {
  return ip.includes(":") ? "IPv6" : "IPv4";
}

export function addressRange(cidr: string): AddressRange {
  const { address, prefix } = parseCidr(cidr);
  const bytes = ipToBytes(address);
  const bits = bytes.length * 8;
  const hostBits = BigInt(bits - prefix);
  const network = (toBig(bytes) >> hostBits) << hostBits;
  const family: IpFamily = bytes.length === 4 ? "IPv4" : "IPv6";
  const total = 1n << hostBits;
  const usable = family === "IPv4" ? total - 2n : total - 1n;
  const size = Number(usable < 0n ? 0n : usable > BigInt(MAX_SIZE) ? BigInt(MAX_SIZE) : usable);
  const first = network + 1n;
  const text = `${bytesToIp(fromBig(network, bytes.length))}/${prefix}`;
  return {
    family,
    cidr: text,
    size,
    description: text,
    offsetOf(ip) {
      let b: Uint8Array;
      try {
        b = ipToBytes(ip);
      } catch {
        return undefined;
      }
      if (b.length !== bytes.length) return undefined;
      const off = toBig(b) - first;
      return off >= 0n && off < BigInt(size) ? Number(off) : undefined;
    },
    itemAt: (offset) => bytesToIp(fromBig(first + BigInt(offset), bytes.length)),
  };
}

/** The canonical spelling of an address, or the text itself when it is none. */
export function normalIp(ip: string): string {
  try {
    return canonicalIp(ip);
  } catch {
    return ip;
  }
}

export interface PortRangeSpec {
  min: number;
  max: number;
}

/** "30000-32767" → { min, max }; throws on anything else. */
export function parsePortRange(text: string): PortRangeSpec {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  const min = Number(m?.[1]);
  const max = Number(m?.[2]);
  if (!m || min < 1 || max > 65535 || min > max) throw new Error(`"${text}" is not a port range (expected MIN-MAX such as 30000-32767)`);
  return { min, max };
}

export function portRange({ min, max }: PortRangeSpec): Space {
  return {
    size: max - min + 1,
    description: `${min}-${max}`,
    offsetOf(item) {
      const n = Number(item);
      return Number.isInteger(n) && n >= min && n <= max ? n - min : undefined;
    },
    itemAt: (offset) => String(min + offset),
  };
}
