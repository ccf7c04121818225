// Reading a container's log for `kubectl logs`. Each run of a container writes
// logs/<container>/<restart>.log; the file holds the container's stdout and stderr as written
// (runc copies them into the file it was given: there is no per-line prefixing process, so no
// CRI "<time> stdout F" framing). Timestamps are therefore the file's modification time for
// lines already written and the time they were read for followed ones; `since` keeps or drops a
// whole file by its modification time.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export interface ReadLogOptions {
  follow?: boolean;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  since?: Date;
  limitBytes?: number;
  signal?: AbortSignal;
  /** While following: whether the run still writes (following stops once it is false and the file is drained). */
  running?: () => boolean;
  pollMs?: number;
}

/** The log files of a container's runs, oldest first. */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^\d+\.log$/.test(n));
  } catch {
    return [];
  }
  return names.sort((a, b) => parseInt(a) - parseInt(b)).map((n) => join(dir, n));
}

function stamp(t: Date): string {
  return t.toISOString().replace(/\.(\d*?)0*Z$/, (_, f: string) => (f ? `.${f}Z` : "Z"));
}

function tail(text: string, n: number): string {
  if (n <= 0) return "";
  const lines = text.split(/(?<=\n)/);
  return lines.slice(-n).join("");
}

function prefix(text: string, t: Date): string {
  return text.split(/(?<=\n)/).filter(Boolean).map((l) => `${stamp(t)} ${l}`).join("");
}

/** The log of the current run (or the previous one), cut and followed as asked. */
export async function* readLogs(dir: string, opts: ReadLogOptions = {}): AsyncGenerator<Uint8Array> {
  const files = logFiles(dir);
  const file = opts.previous ? files.at(-2) : files.at(-1);
  if (!file) {
    if (opts.previous) throw new Error(`previous terminated container not found`);
    return;
  }
  const enc = new TextEncoder();
  let sent = 0;
  const limit = opts.limitBytes ?? Infinity;
  const emit = (s: string): Uint8Array | undefined => {
    if (!s || sent >= limit) return undefined;
    const bytes = enc.encode(s).subarray(0, limit - sent);
    sent += bytes.length;
    return bytes;
  };
  const mtime = statSync(file).mtime;
  let offset = statSync(file).size;
  let text = await Bun.file(file).slice(0, offset).text();
  if (opts.since && mtime < opts.since) text = "";
  if (opts.tailLines !== undefined) text = tail(text, opts.tailLines);
  const first = emit(opts.timestamps ? prefix(text, mtime) : text);
  if (first) yield first;
  if (!opts.follow || opts.previous) return;
  let pending = "";
  for (;;) {
    if (opts.signal?.aborted || sent >= limit) return;
    const size = statSync(file).size;
    if (size > offset) {
      pending += await Bun.file(file).slice(offset, size).text();
      offset = size;
      const cut = pending.lastIndexOf("\n") + 1;
      const out = emit(opts.timestamps ? prefix(pending.slice(0, cut), new Date()) : pending.slice(0, cut));
      pending = pending.slice(cut);
      if (out) yield out;
      continue;
    }
    if (opts.running && !opts.running()) {
      const out = emit(opts.timestamps ? prefix(pending, new Date()) : pending);
      if (out) yield out;
      return;
    }
    await Bun.sleep(opts.pollMs ?? 100);
  }
}
