// The two libc calls that let the agent itself be the parent of its containers' init processes:
// prctl(PR_SET_CHILD_SUBREAPER) makes orphans below the agent re-parent to it (so when
// `runc run --detach` exits, the container's init becomes the agent's child), and
// waitpid(pid, WNOHANG) collects one such child's exit status without blocking. Only ever with a
// known pid: waitpid(-1) would take the statuses of processes Bun spawned and waits for itself.
import { dlopen, FFIType, ptr } from "bun:ffi";

const PR_SET_CHILD_SUBREAPER = 36;
const WNOHANG = 1;

const LIBCS = ["libc.so.6", `libc.musl-${process.arch === "arm64" ? "aarch64" : "x86_64"}.so.1`];

function openLibc() {
  const symbols = {
    prctl: { args: [FFIType.i32, FFIType.u64, FFIType.u64, FFIType.u64, FFIType.u64], returns: FFIType.i32 },
    waitpid: { args: [FFIType.i32, FFIType.ptr, FFIType.i32], returns: FFIType.i32 },
  } as const;
  let last: unknown;
  for (const name of LIBCS) {
    try {
      return dlopen(name, symbols).symbols;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`the runc runtime needs libc (${LIBCS.join(" or ")}) for prctl and waitpid: ${(last as Error).message}`);
}

let libc: ReturnType<typeof openLibc> | undefined;
const lib = () => (libc ??= openLibc());
let subreaper = false;

/** Make this process a child subreaper (idempotent; the flag lasts for the process's life). */
export function becomeSubreaper(): void {
  if (subreaper) return;
  if (lib().prctl(PR_SET_CHILD_SUBREAPER, 1n, 0n, 0n, 0n) !== 0) throw new Error("prctl(PR_SET_CHILD_SUBREAPER) failed");
  subreaper = true;
}

export const isSubreaper = () => subreaper;

/** Drop the flag again: only for tests that need orphans to go past this process (to init). */
export function leaveSubreaper(): void {
  lib().prctl(PR_SET_CHILD_SUBREAPER, 0n, 0n, 0n, 0n);
  subreaper = false;
}

/** A wait status as a container exit code: the code, or 128+n for a process killed by signal n. */
export function exitCodeOf(status: number): number {
  const sig = status & 0x7f;
  return sig === 0 ? (status >> 8) & 0xff : 128 + sig;
}

export type WaitResult = { state: "running" } | { state: "exited"; code: number } | { state: "not-a-child" };

const statusBuf = new Int32Array(1);

/** waitpid(pid, WNOHANG): still running, its exit code (the zombie is gone then), or not our child. */
export function tryWait(pid: number): WaitResult {
  const r = lib().waitpid(pid, ptr(statusBuf), WNOHANG);
  if (r === 0) return { state: "running" };
  if (r === pid) return { state: "exited", code: exitCodeOf(statusBuf[0]!) };
  return { state: "not-a-child" };
}
