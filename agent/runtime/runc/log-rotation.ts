// Log rotation, as the kubelet's containerLogMaxSize (default 10Mi) and containerLogMaxFiles
// (default 5): every `intervalMs` (the kubelet's containerLogMonitorInterval, 10 s) the current
// log file of each running container that grew past maxBytes is rotated, and a run keeps at most
// maxFiles files (the current one included). Logs of runs before the previous one are removed,
// as the kubelet's container GC removes dead containers past the last one.
//
// Rotation moves the bytes of the current file to <r>.log.<end> and punches a hole where they
// were (punch-hole.ts). The kubelet renames the file and asks containerd to reopen it; here runc
// hands the descriptor itself to the container, so there is nothing to reopen. Copy-truncate
// (logrotate's way) would lose what the container writes between the copy and the truncation
// (measured: ~90 lines per rotation from a fast writer); a hole leaves the end of the file, where
// the container appends, untouched, so nothing is lost. Where the file system cannot punch holes
// the log is not rotated and a warning says why.
//
// A rotation is one synchronous step in the agent's process, and readers in the same process
// (log-stream.ts) learn of it synchronously through onRotate, so a reader never reads the hole
// without knowing where its bytes went.
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, utimesSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../../../shared/log.ts";
import { currentLogFile, liveStart, removeRunsBefore, rotatedLogFiles } from "./log-files.ts";
import { punchHole } from "./punch-hole.ts";

export interface LogRotationOptions {
  /** Rotate a current file larger than this many bytes (default 10 MiB). */
  maxBytes?: number;
  /** Files kept per run, the current one included (default 5, at least 2). */
  maxFiles?: number;
  /** How often sizes are checked (default 10 s). */
  intervalMs?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LOG_MAX_FILES = 5;

/** `part` now holds bytes [start, end) of the current file, which reads zeros there. */
type Listener = (part: string, start: number, end: number) => void;
/** Readers of current files, by path (one process holds the files; see the file comment). */
const listeners = new Map<string, Set<Listener>>();

/** Be told, synchronously, when `current` is rotated. */
export function onRotate(current: string, listener: Listener): () => void {
  let set = listeners.get(current);
  if (!set) listeners.set(current, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(current) === set) listeners.delete(current);
  };
}

/** Remove all but the newest `n` rotated parts of a run (readers hold theirs open). */
function keepParts(dir: string, run: number, n: number): void {
  const rotated = rotatedLogFiles(dir, run);
  for (const old of rotated.slice(0, Math.max(0, rotated.length - n))) rmSync(old.path, { force: true });
}

/** Copy bytes [start, end) of `fd` into a new file. */
function copyRange(fd: number, start: number, end: number, to: string): void {
  const out = openSync(to, "w");
  try {
    const buf = new Uint8Array(1 << 20);
    for (let pos = start; pos < end; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, end - pos), pos);
      if (n <= 0) throw new Error(`${to}: the log ended at ${pos}, before ${end}`);
      for (let off = 0; off < n; ) off += writeSync(out, buf, off, n - off);
      pos += n;
    }
  } finally {
    closeSync(out);
  }
}

/**
 * Rotate `current` when its live bytes exceed maxBytes, keeping the newest maxFiles - 1 rotated
 * parts of its run. Returns the new part, or undefined when there was nothing to do.
 */
export function rotateLog(current: string, opts: { maxBytes: number; maxFiles: number }): string | undefined {
  let fd: number;
  try {
    fd = openSync(current, "r+");
  } catch {
    return undefined;
  }
  const dir = dirname(current);
  const run = Number(/(\d+)\.log$/.exec(current)?.[1]);
  let part: string;
  let start: number;
  let end: number;
  try {
    const st = fstatSync(fd);
    start = liveStart(dir, run);
    end = st.size;
    if (end - start <= opts.maxBytes) return undefined;
    part = `${current}.${end}`;
    // Room for the new part first, so the run does not have more than maxFiles files even
    // briefly; but the newest part stays until the new one exists: its name says where the live
    // bytes start (maxFiles 2 has three files for that moment).
    keepParts(dir, run, Math.max(1, opts.maxFiles - 2));
    // Copied under a temporary name: a part exists only whole (an agent dying mid-copy leaves
    // the bytes where they were, in the current file).
    try {
      copyRange(fd, start, end, `${part}.tmp`);
      renameSync(`${part}.tmp`, part);
      // From 0, not `start`: the block the previous hole ended in is freed now that it is whole.
      punchHole(fd, 0, end);
    } catch (e) {
      rmSync(`${part}.tmp`, { force: true });
      rmSync(part, { force: true });
      throw e;
    }
    // The part's mtime bounds when its lines were written (logs.ts stamps with it).
    utimesSync(part, st.atime, st.mtime);
  } finally {
    closeSync(fd);
  }
  for (const l of listeners.get(current) ?? []) l(part, start, end);
  keepParts(dir, run, opts.maxFiles - 1);
  return part;
}

/** What the rotator needs to know of one container's log. */
export interface ContainerLogState {
  /** logs/<container>/ */
  dir: string;
  /** The run writing now (a running container); its file is the one that can grow. */
  writing?: number;
  /** The oldest run whose logs are kept (the previous run, else the current one). */
  keepFrom?: number;
}

/** Checks every container's log on an interval; close() stops it. */
export class LogRotator {
  readonly maxBytes: number;
  readonly maxFiles: number;
  private readonly timer: ReturnType<typeof setInterval>;
  /** Containers whose rotation failed once: warned about once, not at every check. */
  private readonly warned = new Set<string>();

  constructor(opts: LogRotationOptions, private readonly containers: () => Iterable<ContainerLogState>, private readonly log?: Logger) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.maxFiles = Math.max(2, opts.maxFiles ?? DEFAULT_LOG_MAX_FILES);
    this.timer = setInterval(() => this.sweep(), opts.intervalMs ?? 10_000);
    this.timer.unref?.();
  }

  /** One check of every container (the interval calls it; tests may too). */
  sweep(): void {
    for (const c of this.containers()) {
      try {
        if (c.writing !== undefined) rotateLog(currentLogFile(c.dir, c.writing), this);
        if (c.keepFrom !== undefined) removeRunsBefore(c.dir, c.keepFrom);
      } catch (e) {
        if (this.warned.has(c.dir)) continue;
        this.warned.add(c.dir);
        this.log?.level("warn")("container log not rotated", { dir: c.dir, error: (e as Error).message });
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
