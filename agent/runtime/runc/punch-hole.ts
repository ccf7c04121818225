// fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE) through bun:ffi: frees the blocks of a
// byte range of a file without moving anything after it. Log rotation (log-rotation.ts) uses it
// on a file a container is still appending to: unlike truncation, no byte written meanwhile is
// lost, because the end of the file is never touched. ext4, xfs, btrfs, tmpfs and overlayfs
// (on those) support it; where it is not supported the call fails and rotation says so.
import { dlopen, FFIType, read } from "bun:ffi";

const FALLOC_FL_KEEP_SIZE = 0x01;
const FALLOC_FL_PUNCH_HOLE = 0x02;
const LIBCS = ["libc.so.6", `libc.musl-${process.arch === "arm64" ? "aarch64" : "x86_64"}.so.1`];

function openLibc() {
  const symbols = {
    fallocate: { args: [FFIType.i32, FFIType.i32, FFIType.i64, FFIType.i64], returns: FFIType.i32 },
    __errno_location: { args: [], returns: FFIType.ptr },
  } as const;
  for (const name of LIBCS) {
    try {
      return dlopen(name, symbols).symbols;
    } catch {
      // the next name
    }
  }
  throw new Error(`log rotation needs libc (${LIBCS.join(" or ")}) for fallocate`);
}

let libc: ReturnType<typeof openLibc> | undefined;

/** Turn bytes [offset, offset+length) of the open file `fd` into a hole (reads give zeros). */
export function punchHole(fd: number, offset: number, length: number): void {
  if (length <= 0) return;
  libc ??= openLibc();
  if (libc.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, BigInt(offset), BigInt(length)) === 0) return;
  const at = libc.__errno_location();
  const errno = at ? read.i32(at, 0) : 0;
  const why = errno === 95 ? "the file system does not support punching holes (EOPNOTSUPP)" : `errno ${errno}`;
  throw new Error(`fallocate(PUNCH_HOLE) failed: ${why}`);
}
