// The few system calls node:fs lacks, through libc with bun:ffi: mknod (device nodes, fifos and
// overlayfs whiteouts, which are 0:0 character devices) and extended attributes on the link
// itself (trusted.overlay.opaque on opaque directories, security.capability from pax records).
import { dlopen, FFIType, read, type Pointer } from "bun:ffi";

const ERRNO: Record<number, string> = { 1: "EPERM", 2: "ENOENT", 13: "EACCES", 17: "EEXIST", 22: "EINVAL", 61: "ENODATA", 95: "EOPNOTSUPP" };

function openLibc() {
  const symbols = {
    mknod: { args: [FFIType.ptr, FFIType.u32, FFIType.u64], returns: FFIType.i32 },
    lsetxattr: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.u64, FFIType.i32], returns: FFIType.i32 },
    lgetxattr: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.u64], returns: FFIType.i64 },
    __errno_location: { args: [], returns: FFIType.ptr },
  } as const;
  let last: unknown;
  for (const name of ["libc.so.6", "libc.so", `libc.musl-${process.arch === "arm64" ? "aarch64" : "x86_64"}.so.1`]) {
    try {
      return dlopen(name, symbols).symbols;
    } catch (err) {
      last = err;
    }
  }
  throw new Error(`cannot load libc for mknod/xattr calls: ${(last as Error)?.message}`);
}

let libc: ReturnType<typeof openLibc> | undefined;
const sys = () => (libc ??= openLibc());
const cstr = (s: string) => Buffer.from(`${s}\0`, "utf8");

/** An Error shaped like node's (`code` = "EPERM", …) for a failed call. */
function fail(call: string, path: string): Error {
  const errno = read.i32(sys().__errno_location() as Pointer, 0);
  const code = ERRNO[errno] ?? `errno ${errno}`;
  return Object.assign(new Error(`${call} ${path}: ${code}`), { code, errno, path });
}

export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;
export const S_IFIFO = 0o010000;

/** glibc's makedev. */
export function makedev(major: number, minor: number): bigint {
  const ma = BigInt(major);
  const mi = BigInt(minor);
  return (mi & 0xffn) | ((ma & 0xfffn) << 8n) | ((mi & ~0xffn) << 12n) | ((ma & ~0xfffn) << 32n);
}

/** mknod(2): `type` is S_IFCHR, S_IFBLK or S_IFIFO; `mode` the permission bits. */
export function mknod(path: string, type: number, mode: number, major = 0, minor = 0): void {
  if (sys().mknod(cstr(path), type | (mode & 0o7777), makedev(major, minor)) !== 0) throw fail("mknod", path);
}

/** lsetxattr(2). */
export function lsetxattr(path: string, name: string, value: Uint8Array | string): void {
  const v = typeof value === "string" ? Buffer.from(value) : Buffer.from(value);
  if (sys().lsetxattr(cstr(path), cstr(name), v.length ? v : Buffer.alloc(1), v.length, 0) !== 0) throw fail(`lsetxattr ${name}`, path);
}

/** lgetxattr(2); undefined when the attribute is not set. */
export function lgetxattr(path: string, name: string): Buffer | undefined {
  const buf = Buffer.alloc(4096);
  const n = Number(sys().lgetxattr(cstr(path), cstr(name), buf, buf.length));
  if (n < 0) {
    const err = fail(`lgetxattr ${name}`, path) as Error & { code: string };
    if (err.code === "ENODATA") return undefined;
    throw err;
  }
  return buf.subarray(0, n);
}
