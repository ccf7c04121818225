// A small in-memory tar writer (ustar with pax records for long paths and extra fields), used by
// tests to build layers with exactly the entries they need.
import type { EntryType } from "./header.ts";

export interface WriteEntry {
  path: string;
  type?: EntryType;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  data?: string | Uint8Array;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /** Extra pax records, e.g. {"SCHILY.xattr.user.k": "v"}. */
  pax?: Record<string, string>;
}

const FLAGS: Record<EntryType, string> = { file: "0", hardlink: "1", symlink: "2", char: "3", block: "4", directory: "5", fifo: "6" };
const enc = new TextEncoder();

function header(name: string, flag: string, size: number, e: WriteEntry): Uint8Array {
  const b = new Uint8Array(512);
  const put = (s: string, off: number, len: number) => b.set(enc.encode(s).subarray(0, len), off);
  const oct = (n: number, off: number, len: number) => put(n.toString(8).padStart(len - 1, "0"), off, len - 1);
  put(name, 0, 100);
  oct(e.mode ?? (e.type === "directory" ? 0o755 : 0o644), 100, 8);
  oct(e.uid ?? 0, 108, 8);
  oct(e.gid ?? 0, 116, 8);
  oct(size, 124, 12);
  oct(Math.floor(e.mtime ?? 0), 136, 12);
  put(flag, 156, 1);
  put(e.linkname ?? "", 157, 100);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  oct(e.devmajor ?? 0, 329, 8);
  oct(e.devminor ?? 0, 337, 8);
  b.fill(32, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return b;
}

function paxRecords(records: Record<string, string>): Uint8Array {
  let out = "";
  for (const [k, v] of Object.entries(records)) {
    const body = ` ${k}=${v}\n`;
    let len = Buffer.byteLength(body) + 1;
    while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
    out += `${len}${body}`;
  }
  return enc.encode(out);
}

function padded(data: Uint8Array): Uint8Array[] {
  const pad = (512 - (data.length % 512)) % 512;
  return pad ? [data, new Uint8Array(pad)] : [data];
}

/** A complete tar archive (with the two end-of-archive blocks) holding `entries` in order. */
export function writeTar(entries: WriteEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    const type = e.type ?? "file";
    const data = typeof e.data === "string" ? enc.encode(e.data) : (e.data ?? new Uint8Array(0));
    const pax: Record<string, string> = { ...e.pax };
    let name = e.path + (type === "directory" && !e.path.endsWith("/") ? "/" : "");
    if (Buffer.byteLength(name) > 100) {
      pax.path = name;
      name = name.slice(0, 99);
    }
    if (e.linkname && Buffer.byteLength(e.linkname) > 100) pax.linkpath = e.linkname;
    if (Object.keys(pax).length) {
      const records = paxRecords(pax);
      parts.push(header(`PaxHeaders/${name}`.slice(0, 99), "x", records.length, { path: "" }), ...padded(records));
    }
    parts.push(header(name, FLAGS[type], data.length, { ...e, type, linkname: pax.linkpath ? "" : e.linkname }), ...padded(data));
  }
  parts.push(new Uint8Array(1024));
  return Buffer.concat(parts);
}
