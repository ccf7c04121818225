// Pod IPs that survive agent restarts: one file per address handed out, named by the address and
// holding the pod's uid, under <data-dir>/agent/network/ipam/<cidr>/ (as CNI's host-local does).
// Files are created exclusively, so an address is never given twice even by two processes; the
// last address handed out is remembered so a released one is reused only after the others.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatIPv4, parseCIDR, parseIPv4, type PodIpam } from "./ipam.ts";

const LAST = "last_reserved_ip";

export interface FileIpam extends PodIpam {
  /** The uid's address, if it has one. */
  get(uid: string): string | undefined;
  /** uid → address for every address handed out, in address order. */
  entries(): Map<string, string>;
  readonly dir: string;
}

export function openFileIpam(opts: { dir: string; cidr: string }): FileIpam {
  const { cidr } = opts;
  const { base, bits } = parseCIDR(cidr);
  const first = base + 2; // .0 is the network, .1 the bridge
  const last = base + 2 ** (32 - bits) - 2; // the top address is broadcast
  const dir = join(opts.dir, cidr.replace("/", "_"));
  mkdirSync(dir, { recursive: true });

  const byUid = new Map<string, number>();
  const byIp = new Map<number, string>();
  const remember = (uid: string, n: number) => {
    byUid.set(uid, n);
    byIp.set(n, uid);
  };
  const file = (n: number) => join(dir, formatIPv4(n));

  for (const name of readdirSync(dir)) {
    const n = parseIPv4(name);
    if (n === undefined) continue;
    const uid = readFileSync(join(dir, name), "utf8").trim();
    if (!uid) rmSync(join(dir, name), { force: true }); // cut short by a crash before the uid was written
    else remember(uid, n);
  }
  let next = first;
  try {
    const n = parseIPv4(readFileSync(join(dir, LAST), "utf8").trim());
    if (n !== undefined && n >= first && n <= last) next = n + 1 > last ? first : n + 1;
  } catch {}

  /** Claims the address's file for uid; false if someone holds it already. */
  const claim = (uid: string, n: number): boolean => {
    try {
      writeFileSync(file(n), uid, { flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readFileSync(file(n), "utf8").trim();
      if (holder !== uid) return false;
    }
    remember(uid, n);
    return true;
  };

  return {
    cidr,
    dir,
    allocate(uid) {
      const have = byUid.get(uid);
      if (have !== undefined) return formatIPv4(have);
      const count = last - first + 1;
      for (let i = 0; i < count; i++) {
        const n = first + ((next - first + i) % count);
        if (byIp.has(n) || !claim(uid, n)) continue;
        next = n + 1 > last ? first : n + 1;
        writeFileSync(join(dir, LAST), formatIPv4(n));
        return formatIPv4(n);
      }
      throw new Error(`pod CIDR ${cidr} has no free address (${byIp.size} in use, recorded in ${dir})`);
    },
    reserve(uid, ip) {
      const n = parseIPv4(ip);
      if (n === undefined || n < first || n > last) throw new Error(`pod IP ${ip} is not a host address of the pod CIDR ${cidr}`);
      const holder = byIp.get(n);
      if (holder !== undefined && holder !== uid) throw new Error(`pod IP ${ip} is already held by pod ${holder}`);
      const had = byUid.get(uid);
      if (had !== undefined && had !== n) this.release(uid);
      if (!claim(uid, n)) throw new Error(`pod IP ${ip} is already held by another pod (see ${file(n)})`);
    },
    release(uid) {
      const n = byUid.get(uid);
      if (n === undefined) return;
      rmSync(file(n), { force: true });
      byUid.delete(uid);
      byIp.delete(n);
    },
    get(uid) {
      const n = byUid.get(uid);
      return n === undefined ? undefined : formatIPv4(n);
    },
    entries() {
      return new Map([...byUid].sort((a, b) => a[1] - b[1]).map(([uid, n]) => [uid, formatIPv4(n)]));
    },
    get size() {
      return byUid.size;
    },
  };
}
