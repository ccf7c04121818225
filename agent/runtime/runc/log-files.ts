// The files of a container's log under logs/<container>/: one set per run (restart number r):
//   <r>.log          the file the run writes (runc's stdout and stderr, opened O_APPEND)
//   <r>.log.<end>    earlier bytes of it moved aside by rotation (log-rotation.ts): bytes
//                    [start, <end>) of <r>.log, where start is the <end> of the part before it
//                    (0 for the first). Oldest first by <end>.
// Rotation never moves the bytes left in <r>.log: it punches a hole where the moved bytes were,
// so offsets in <r>.log stay what they were and its live bytes start at the newest part's <end>
// (the file's apparent size only grows; its disk use stays bounded).
//
// Each part covers a span of time: from the end of the part before it (the first: the run's
// start, when known) to its mtime. That span is all that is known of when its lines were
// written: nothing frames lines with their time (see logs.ts).
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export interface LogPart {
  path: string;
  /** Where the part's bytes start in its file (0, or the live start of the current file). */
  start: number;
  /** Where they end: the file's size when listed. */
  end: number;
  /** The part's first line was written at or after this (undefined: not known). */
  from?: Date;
  /** Its last line was written at or before this (the file's mtime). */
  to: Date;
}

const CURRENT = /^(\d+)\.log$/;
const ROTATED = /^(\d+)\.log\.(\d+)$/;

function names(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The run numbers that have log files in `dir`, ascending. */
export function logRuns(dir: string): number[] {
  const runs = new Set<number>();
  for (const n of names(dir)) {
    const m = CURRENT.exec(n) ?? ROTATED.exec(n);
    if (m) runs.add(Number(m[1]));
  }
  return [...runs].sort((a, b) => a - b);
}

export function currentLogFile(dir: string, run: number): string {
  return join(dir, `${run}.log`);
}

/** The rotated parts of a run, oldest first, with the offset of the current file each ends at. */
export function rotatedLogFiles(dir: string, run: number): { path: string; end: number }[] {
  return names(dir)
    .map((n) => ROTATED.exec(n))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) === run)
    .map((m) => ({ path: join(dir, m[0]), end: Number(m[2]) }))
    .sort((a, b) => a.end - b.end);
}

/** Where the bytes still in the current file start (the newest part's end, else 0). */
export function liveStart(dir: string, run: number): number {
  return rotatedLogFiles(dir, run).at(-1)?.end ?? 0;
}

/**
 * All parts of a run, oldest first, the current file last (when it exists), each with its byte
 * range and the span of time its lines were written in. `startedAt`: the run's start (epoch ms).
 */
export function logParts(dir: string, run: number, startedAt?: number): LogPart[] {
  const parts: LogPart[] = [];
  let from = startedAt === undefined ? undefined : new Date(startedAt);
  const rotated = rotatedLogFiles(dir, run);
  const live = rotated.at(-1)?.end ?? 0;
  for (const { path, start } of [...rotated.map((r) => ({ path: r.path, start: 0 })), { path: currentLogFile(dir, run), start: live }]) {
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    parts.push({ path, start: Math.min(start, st.size), end: st.size, from, to: st.mtime });
    from = st.mtime;
  }
  return parts;
}

/** Remove every file of runs before `keepFrom` (logs of runs neither current nor previous). */
export function removeRunsBefore(dir: string, keepFrom: number): void {
  for (const n of names(dir)) {
    const m = CURRENT.exec(n) ?? ROTATED.exec(n);
    if (m && Number(m[1]) < keepFrom) rmSync(join(dir, n), { force: true });
  }
}
