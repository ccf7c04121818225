// IP addresses and CIDRs as the configuration uses them: validation, canonical text, and
// the first host address of a range (the Kubernetes service's ClusterIP).

import { isIP } from "node:net";

export function isIpAddress(s: string): boolean {
  return isIP(s) !== 0;
}

/**
 * The one spelling of an address: IPv4 dotted quad, IPv6 compressed lowercase (RFC 5952,
 * as the WHATWG URL parser writes it). Throws on anything that is not an address.
 */
export function canonicalIp(s: string): string {
  const v = isIP(s);
  if (v === 4) return s;
  if (v === 6) return new URL(`http://[${s}]/`).hostname.slice(1, -1);
  throw new Error(`"${s}" is not an IP address`);
}

/** The address as 4 or 16 bytes. */
export function ipToBytes(s: string): Uint8Array {
  const c = canonicalIp(s);
  if (isIP(c) === 4) return Uint8Array.from(c.split(".").map(Number));
  const [head = "", tail] = c.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

export function bytesToIp(b: Uint8Array): string {
  if (b.length === 4) return b.join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return canonicalIp(groups.join(":"));
}

export interface Cidr {
  readonly address: string;
  readonly prefix: number;
}

export function parseCidr(s: string): Cidr {
  const [address = "", prefixText, extra] = s.split("/");
  const v = isIP(address);
  const max = v === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (v === 0 || extra !== undefined || !/^\d{1,3}$/.test(prefixText ?? "") || prefix > max) {
    throw new Error(`"${s}" is not a CIDR (expected ADDRESS/PREFIX such as 10.43.0.0/16)`);
  }
  return { address: canonicalIp(address), prefix };
}

export function isCidr(s: string): boolean {
  try {
    parseCidr(s);
    return true;
  } catch {
    return false;
  }
}

/** The network address plus one: 10.43.0.1 for 10.43.0.0/16. */
export function firstHostIp(cidr: string): string {
  const { address, prefix } = parseCidr(cidr);
  const b = ipToBytes(address);
  for (let i = 0; i < b.length; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    b[i] = b[i]! & ((0xff << (8 - keep)) & 0xff);
  }
  for (let i = b.length - 1; i >= 0; i--) {
    b[i] = (b[i]! + 1) & 0xff;
    if (b[i] !== 0) break;
  }
  return bytesToIp(b);
}

/** Splits a comma-separated dual-stack list ("10.43.0.0/16,fd00::/108"), trimming blanks. */
export function splitList(s: string): string[] {
  return s
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
}
