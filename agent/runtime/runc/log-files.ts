// The files of a container's log under logs/<container>/: one set per run (restart number r):
//   <r>.log          what the run writes now (runc's stdout and stderr, opened O_APPEND)
//   <r>.log.<ms>     earlier parts of the same run moved aside by rotation (log-rotation.ts);
//                    <ms> is when it was rotated (epoch milliseconds), its mtime the last write
//                    it holds. Oldest first by <ms>.
// Each part covers a span of time: from the end of the part before it (the first: the run's
// start, when known) to its mtime. That span is all that is known of when its lines were
// written: nothing frames lines with their time (see logs.ts).
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

export interface LogPart {
  path: string;
  /** The part's first line was written at or after this (undefined: not known). */
  from?: Date;
  /** Its last line was written at or before this (the file's mtime). */
  to: Date;
  /** Size when listed. */
  size: number;
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

/** The rotated parts of a run, oldest first. */
export function rotatedLogFiles(dir: string, run: number): string[] {
  return names(dir)
    .map((n) => ROTATED.exec(n))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) === run)
    .sort((a, b) => Number(a[2]) - Number(b[2]))
    .map((m) => join(dir, m[0]));
}

/** A free name for a part rotated at `at` (two rotations in one millisecond get distinct names). */
export function rotatedLogName(current: string, at: number): string {
  for (let ms = at; ; ms++) {
    const p = `${current}.${ms}`;
    try {
      statSync(p);
    } catch {
      return p;
    }
  }
}

/**
 * All parts of a run, oldest first, the current file last (when it exists), each with the span of
 * time its lines were written in. `startedAt`: when the run started (epoch ms), if known.
 */
export function logParts(dir: string, run: number, startedAt?: number): LogPart[] {
  const parts: LogPart[] = [];
  let from = startedAt === undefined ? undefined : new Date(startedAt);
  for (const path of [...rotatedLogFiles(dir, run), currentLogFile(dir, run)]) {
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    parts.push({ path, from, to: st.mtime, size: st.size });
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
