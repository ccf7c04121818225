// Log rotation, as the kubelet's containerLogMaxSize (default 10Mi) and containerLogMaxFiles
// (default 5): every `intervalMs` (the kubelet's containerLogMonitorInterval, 10 s) the current
// log file of each running container that grew past maxBytes is rotated, and a run keeps at most
// maxFiles files (the current one included). Logs of runs before the previous one are removed,
// as the kubelet's container GC removes dead containers past the last one.
//
// Rotation is copy-truncate: the file's content is copied to <r>.log.<ms> and the file emptied.
// Renaming and reopening (what the kubelet asks of containerd) is impossible here: runc hands the
// descriptor itself to the container, which keeps writing to that inode. The descriptor is
// O_APPEND, so after the truncation writes land at the start again. What the container writes
// between the end of the copy and the truncation (a few microseconds) is lost, as with
// logrotate's copytruncate.
//
// A rotation is one synchronous step in the agent's process, and readers in the same process
// (logs.ts) learn of it synchronously through onRotate, so a reader never sees the file emptied
// without knowing where its bytes went.
import { copyFileSync, rmSync, statSync, truncateSync, utimesSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "../../../shared/log.ts";
import { currentLogFile, removeRunsBefore, rotatedLogFiles, rotatedLogName } from "./log-files.ts";

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

type Listener = (part: string) => void;
/** Readers of current files, by path (one process holds the files; see the file comment). */
const listeners = new Map<string, Set<Listener>>();

/** Be told, synchronously, when `current` is rotated: its content so far is in `part` now and the file starts again empty. */
export function onRotate(current: string, listener: Listener): () => void {
  let set = listeners.get(current);
  if (!set) listeners.set(current, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0 && listeners.get(current) === set) listeners.delete(current);
  };
}

/**
 * Rotate `current` when it holds more than maxBytes, then keep the newest maxFiles - 1 rotated
 * parts of its run. Returns the new part, or undefined when the file was small enough (or gone).
 */
export function rotateLog(current: string, opts: { maxBytes: number; maxFiles: number }, now = Date.now()): string | undefined {
  let size: number;
  try {
    size = statSync(current).size;
  } catch {
    return undefined;
  }
  if (size <= opts.maxBytes) return undefined;
  const part = rotatedLogName(current, now);
  copyFileSync(current, part);
  const { atime, mtime } = statSync(current);
  truncateSync(current, 0);
  // The part's mtime is the last write it holds, not the time of the copy (logs.ts stamps with it).
  utimesSync(part, atime, mtime);
  for (const l of listeners.get(current) ?? []) l(part);
  const run = Number(/(\d+)\.log$/.exec(current)?.[1]);
  const rotated = rotatedLogFiles(dirname(current), run);
  for (const old of rotated.slice(0, Math.max(0, rotated.length - (opts.maxFiles - 1)))) rmSync(old, { force: true });
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

  constructor(opts: LogRotationOptions, private readonly containers: () => Iterable<ContainerLogState>, private readonly log?: Logger) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
    this.maxFiles = Math.max(2, opts.maxFiles ?? DEFAULT_LOG_MAX_FILES);
    this.timer = setInterval(() => this.sweep(), opts.intervalMs ?? 10_000);
    this.timer.unref?.();
  }

  /** One check of every container (the interval calls it; tests may too). */
  sweep(now = Date.now()): void {
    for (const c of this.containers()) {
      try {
        if (c.writing !== undefined) rotateLog(currentLogFile(c.dir, c.writing), this, now);
        if (c.keepFrom !== undefined) removeRunsBefore(c.dir, c.keepFrom);
      } catch (e) {
        this.log?.level("warn")("container log not rotated", { dir: c.dir, error: (e as Error).message });
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
