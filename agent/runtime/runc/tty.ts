// The terminal of a `tty: true` container. runc runs with the slave of a pseudo-terminal as its
// stdio (Bun.Terminal) and, with `terminal: false` in config.json, passes it through to the
// container; the master stays here. What the container writes goes to the run's log file and to
// every attached session; sessions type into it and resize it. runc is started in a session of
// its own (setsid, run.ts), so the terminal is nobody's controlling terminal: the container gets
// no SIGHUP when runc exits, and ^C reaches it as a byte, not as SIGINT. The slave belongs to the
// host's devpts, so inside the container isatty() holds but ttyname() (`tty`) finds no name.
// An agent restart closes the master: the container then reads EOF.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";

interface Session {
  data(chunk: Uint8Array): void;
  end(): void;
}

export class ContainerTty {
  readonly terminal: Bun.Terminal;
  private readonly log: number;
  private readonly sessions = new Set<Session>();
  private lastData = 0;
  private closed = false;

  constructor(logFile: string, size = { cols: 80, rows: 24 }) {
    mkdirSync(dirname(logFile), { recursive: true });
    this.log = openSync(logFile, "a");
    this.terminal = new Bun.Terminal({
      ...size,
      data: (_t, data) => {
        const chunk = new Uint8Array(data);
        this.lastData = Date.now();
        try {
          writeSync(this.log, chunk);
        } catch {}
        for (const s of this.sessions) s.data(chunk);
      },
    });
  }

  write(chunk: Uint8Array): void {
    if (!this.closed) this.terminal.write(chunk);
  }

  resize(cols: number, rows: number): void {
    if (!this.closed && cols > 0 && rows > 0) this.terminal.resize(cols, rows);
  }

  /** Output from now on, until the terminal closes; returns the unsubscribe function. */
  attach(session: Session): () => void {
    if (this.closed) {
      session.end();
      return () => {};
    }
    this.sessions.add(session);
    return () => this.sessions.delete(session);
  }

  /** The run ended: read what is still buffered (until 50 ms pass without output), then close. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (Date.now() - this.lastData < 50) await Bun.sleep(10);
    this.closed = true;
    this.terminal.close();
    closeSync(this.log);
    for (const s of this.sessions) s.end();
    this.sessions.clear();
  }
}
