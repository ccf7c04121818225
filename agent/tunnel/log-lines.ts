// Log lines as kubectl asks for them: the last N, those since a time, with or without their
// RFC 3339 timestamps. For providers that keep lines with their times (the fake one; a runtime
// reading CRI-format log files can do the same).

export interface LogLine {
  time: Date;
  /** The line as the container wrote it, newline included. */
  text: string;
}

export function selectLines(lines: readonly LogLine[], opts: { tailLines?: number; since?: Date }): LogLine[] {
  let out = opts.since ? lines.filter((l) => l.time.getTime() >= opts.since!.getTime()) : [...lines];
  if (opts.tailLines !== undefined) out = opts.tailLines === 0 ? [] : out.slice(-opts.tailLines);
  return out;
}

/** Go's RFC3339Nano: fractional seconds without trailing zeros. */
export function rfc3339Nano(t: Date): string {
  return t.toISOString().replace(/\.(\d*?)0*Z$/, (_, f: string) => (f ? `.${f}Z` : "Z"));
}

export function formatLine(line: LogLine, timestamps: boolean): Uint8Array {
  return new TextEncoder().encode(timestamps ? `${rfc3339Nano(line.time)} ${line.text}` : line.text);
}
