// Reading a container's log for `kubectl logs` and attach. Each run of a container writes
// logs/<container>/<restart>.log, split by rotation into parts (log-files.ts, log-rotation.ts).
// A part holds the container's stdout and stderr as written: runc hands the file to the
// container itself, so no process frames lines with their time and stream (no CRI
// "<time> stdout F" format; that needs a copier per container, which kubun does not run).
//
// What is known of time is per part: a part's lines were written between the end of the part
// before it (for the first: the run's start) and the part's mtime. Hence, precisely:
// - `timestamps`: a line already written carries its part's mtime, the latest it can have been
//   written (lines of one part share it); a line read while following carries its read time
//   (within pollMs of its writing).
// - `since`: a part that ended before `since` is left out whole; a part that ended after it is
//   kept whole, even lines of it written before `since` (more lines than asked, never fewer).
//   The finer the rotation, the closer this gets.
// - `tailLines` counts lines over all parts of the run (after `since`); `limitBytes` cuts the
//   output (timestamps included) over all parts; a trailing line without "\n" counts as a line.
// - stdout and stderr are interleaved as the container wrote them and cannot be told apart.
// The current run is read, or with `previous` the run before it (during CrashLoopBackOff both
// are the last run that ended, as the kubelet answers). Runs before the previous are removed.
import { closeSync, openSync, readSync } from "node:fs";
import { rfc3339Nano } from "../../tunnel/log-lines.ts";
import type { RuntimeContainerStatus } from "../types.ts";
import { currentLogFile, logParts, logRuns, type LogPart } from "./log-files.ts";
import { RunLogStream, type LogChunk } from "./log-stream.ts";

export interface ReadLogOptions {
  follow?: boolean;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  since?: Date;
  limitBytes?: number;
  signal?: AbortSignal;
  /** The run to read (its restart number); default the newest run with a log (with `previous`, the one before). */
  run?: number;
  /** When that run started (epoch ms): bounds its first part's time span. */
  startedAt?: number;
  /** While following: whether the run still writes (following stops once it is false and the log is drained). */
  running?: () => boolean;
  pollMs?: number;
}

/** The restart number in a containerID ("runc://kubun-<uid>-<name>-<restart>"). */
export function runOfContainerID(id: string | undefined): number | undefined {
  const m = id ? /-(\d+)$/.exec(id) : null;
  return m ? Number(m[1]) : undefined;
}

export interface LogRun {
  run: number;
  startedAt?: number;
}

/** Which runs `logs` and `logs --previous` read, from the container's status (as the kubelet picks containers). */
export function logRunsOf(status: RuntimeContainerStatus): { current?: LogRun; previous?: LogRun } {
  const cur = status.current;
  const last = status.last;
  const run = runOfContainerID(status.containerID);
  const startedAt =
    cur.state === "running" ? cur.startedAt
    : cur.state === "terminated" ? cur.startedAt || undefined
    : last && last.containerID === status.containerID ? last.startedAt || undefined
    : undefined;
  const prev = runOfContainerID(last?.containerID);
  return {
    current: run === undefined ? undefined : { run, startedAt },
    previous: prev === undefined ? undefined : { run: prev, startedAt: last?.startedAt || undefined },
  };
}

const NL = 10;
const CHUNK = 64 * 1024;

/** Where the last `n` lines of `parts` begin: [part index, offset in its file]. */
function tailStart(parts: readonly LogPart[], n: number): [number, number] {
  if (n <= 0) return [parts.length - 1, parts.at(-1)?.end ?? 0];
  let atEnd = true;
  for (let i = parts.length - 1; i >= 0; i--) {
    const { path, start, end } = parts[i]!;
    const fd = openSync(path, "r");
    try {
      for (let p = end; p > start; ) {
        const len = Math.min(CHUNK, p - start);
        const buf = new Uint8Array(len);
        readSync(fd, buf, 0, len, p - len);
        for (let j = len - 1; j >= 0; j--) {
          const nl = buf[j] === NL;
          if (atEnd) {
            atEnd = false;
            if (nl) continue; // the last line's own newline
          }
          if (nl && --n === 0) return [i, p - len + j + 1];
        }
        p -= len;
      }
    } finally {
      closeSync(fd);
    }
  }
  return [0, parts[0]?.start ?? 0];
}

/** The run's parts as they are now, cut by `since` and `tailLines`, queued on a reader. */
function openRun(dir: string, run: number, follow: boolean, opts: ReadLogOptions): RunLogStream {
  const current = currentLogFile(dir, run);
  const all = logParts(dir, run, opts.startedAt);
  const cur = all.at(-1)?.path === current ? all.at(-1) : undefined;
  const kept = opts.since ? all.filter((p) => p.to.getTime() >= opts.since!.getTime()) : all;
  const rotated = kept.at(-1)?.path === current ? kept.length - 1 : kept.length;
  const [first, pos] = opts.tailLines === undefined ? [0, kept[0]?.start ?? 0] : tailStart(kept, opts.tailLines);
  const stream = new RunLogStream(current);
  for (let i = Math.max(first, 0); i < rotated; i++) stream.addPart(kept[i]!.path, i === first ? pos : 0, kept[i]!.to);
  // The current file as it is now; left out by `since`, it is read from its end (what follows only).
  const end = cur?.end ?? 0;
  const from = rotated === kept.length ? end : first === rotated ? pos : cur!.start;
  stream.setCurrent(from, { end: follow ? undefined : end, stampBelow: end, time: cur?.to });
  return stream;
}

/** Prefixes every line that starts in `bytes` with its time; `atStart`: the previous chunk ended a line. */
function stampLines(chunk: LogChunk, atStart: boolean): Uint8Array {
  const stamp = new TextEncoder().encode(`${rfc3339Nano(chunk.time ?? new Date())} `);
  const out: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < chunk.bytes.length; i++) {
    if (atStart) out.push(stamp);
    atStart = chunk.bytes[i] === NL;
    if (atStart) {
      out.push(chunk.bytes.subarray(from, i + 1));
      from = i + 1;
    }
  }
  out.push(chunk.bytes.subarray(from));
  return Buffer.concat(out);
}

/** The log of the current run (or the previous one), cut and followed as asked. */
export async function* readLogs(dir: string, opts: ReadLogOptions = {}): AsyncGenerator<Uint8Array> {
  const runs = logRuns(dir);
  const run = opts.run ?? (opts.previous ? runs.at(-2) : runs.at(-1));
  if (run === undefined) {
    if (opts.previous) throw new Error(`previous terminated container not found`);
    return;
  }
  const follow = !!opts.follow && !opts.previous;
  const stream = openRun(dir, run, follow, opts);
  const limit = opts.limitBytes ?? Infinity;
  let sent = 0;
  let atStart = true;
  let ending = false;
  try {
    while (!opts.signal?.aborted && sent < limit) {
      const chunk = stream.read();
      if (!chunk) {
        if (!follow || ending) return;
        if (opts.running && !opts.running()) ending = true;
        else await Bun.sleep(opts.pollMs ?? 100);
        continue;
      }
      let bytes = opts.timestamps ? stampLines(chunk, atStart) : chunk.bytes;
      atStart = chunk.bytes.at(-1) === NL;
      if (bytes.length > limit - sent) bytes = bytes.subarray(0, limit - sent);
      sent += bytes.length;
      yield bytes;
    }
  } finally {
    stream.close();
  }
}
