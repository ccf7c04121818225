// Structured logs: one line per entry, `time level msg key=value…`, to stderr.
// Never pass secrets or tokens as fields.

export type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface Logger {
  (msg: string, fields?: Record<string, unknown>): void;
  level(level: Level): (msg: string, fields?: Record<string, unknown>) => void;
  with(fields: Record<string, unknown>): Logger;
}

function fmt(v: unknown): string {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return /[\s"=]/.test(s ?? "") ? JSON.stringify(s) : String(s);
}

export function createLogger(min: Level = "info", base: Record<string, unknown> = {}, write = (line: string) => process.stderr.write(line)): Logger {
  const emit = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[min]) return;
    const all = { ...base, ...fields };
    const kv = Object.entries(all).map(([k, v]) => `${k}=${fmt(v)}`).join(" ");
    write(`${new Date().toISOString()} ${level.toUpperCase()} ${msg}${kv ? " " + kv : ""}\n`);
  };
  const log = ((msg: string, fields?: Record<string, unknown>) => emit("info", msg, fields)) as Logger;
  log.level = (level) => (msg, fields) => emit(level, msg, fields);
  log.with = (fields) => createLogger(min, { ...base, ...fields }, write);
  return log;
}
