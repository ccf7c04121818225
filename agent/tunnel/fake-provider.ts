// A StreamProvider without containers, for tests of everything between kubectl and the node.
// Logs come from lines added with addLog (followers see new ones); exec understands `cat`
// (echoes stdin), `echo`, `stty size` and `sh -c` scripts of `echo …`, `echo … >&2`, `cat`
// and `exit N` joined by `;` or `&&`; attach echoes stdin like cat; port-forward dials
// 127.0.0.1 on the local port mapped to the pod port.

import { connectTcp } from "./tcp.ts";
import { formatLine, selectLines, type LogLine } from "./log-lines.ts";
import { StreamError, type Duplex, type LogOptions, type PodRef, type ProcessOptions, type ProcessStreams, type StreamProvider } from "./provider.ts";

export interface FakeStreamProviderOptions {
  /** Pod port → a port on 127.0.0.1 to dial instead. */
  ports?: Record<number, number>;
  now?: () => Date;
}

interface Io {
  stdin: ReadableStream<Uint8Array>;
  out(text: string | Uint8Array): Promise<void>;
  err(text: string): Promise<void>;
  size(): Promise<{ width: number; height: number }>;
}

export class FakeStreamProvider implements StreamProvider {
  /** Every request, in order: what kind, for which pod and container, with which command or port. */
  readonly calls: { kind: string; pod: string; container?: string; command?: string[]; port?: number }[] = [];
  /** Terminal sizes received, in order. */
  readonly resizes: { width: number; height: number }[] = [];
  private readonly lines = new Map<string, LogLine[]>();
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(private readonly opts: FakeStreamProviderOptions = {}) {}

  /** A line the container wrote (newline added if missing); `previous` for the last instance. */
  addLog(pod: { namespace: string; name: string }, container: string, text: string, o: { time?: Date; previous?: boolean } = {}) {
    const key = logKey(pod, container, o.previous ?? false);
    const list = this.lines.get(key) ?? [];
    list.push({ time: o.time ?? this.now(), text: text.endsWith("\n") ? text : `${text}\n` });
    this.lines.set(key, list);
    for (const wake of this.waiting.get(key) ?? []) wake();
  }

  logs(pod: PodRef, container: string, opts: LogOptions): AsyncIterable<Uint8Array> {
    this.calls.push({ kind: "log", pod: `${pod.namespace}/${pod.name}`, container });
    const key = logKey(pod, container, opts.previous);
    if (opts.previous && !this.lines.has(key)) throw new StreamError(`previous terminated container "${container}" in pod "${pod.name}" not found`);
    return this.follow(key, opts);
  }

  private async *follow(key: string, opts: LogOptions): AsyncGenerator<Uint8Array> {
    let seen = this.lines.get(key)?.length ?? 0;
    for (const l of selectLines(this.lines.get(key) ?? [], opts)) yield formatLine(l, opts.timestamps);
    while (opts.follow && !opts.signal?.aborted) {
      const all = this.lines.get(key) ?? [];
      if (seen < all.length) {
        for (const l of all.slice(seen)) yield formatLine(l, opts.timestamps);
        seen = all.length;
        continue;
      }
      await new Promise<void>((wake) => {
        const set = this.waiting.get(key) ?? new Set();
        this.waiting.set(key, set);
        const done = () => {
          set.delete(done);
          opts.signal?.removeEventListener("abort", done);
          wake();
        };
        set.add(done);
        opts.signal?.addEventListener("abort", done, { once: true });
      });
    }
  }

  async exec(pod: PodRef, container: string, command: string[], opts: ProcessOptions): Promise<ProcessStreams> {
    this.calls.push({ kind: "exec", pod: `${pod.namespace}/${pod.name}`, container, command });
    const script = command[0] === "sh" && command[1] === "-c" ? (command[2] ?? "") : shellJoin(command);
    const steps = script.split(/;|&&/).map((s) => s.trim()).filter(Boolean);
    const unknown = steps.map((s) => s.split(/\s+/)[0]!).find((c) => !["cat", "echo", "exit", "stty", "true"].includes(c));
    if (unknown) throw new StreamError(`exec: "${unknown}": executable file not found in $PATH`, 500);
    return this.process(opts, async (io) => {
      for (const step of steps) {
        const [cmd, ...args] = step.split(/\s+/);
        if (cmd === "exit") return Number(args[0] ?? 0);
        if (cmd === "cat") await io.stdin.pipeTo(new WritableStream({ write: (c) => io.out(c) }));
        if (cmd === "echo" && args.at(-1) === ">&2") await io.err(`${unquote(args.slice(0, -1).join(" "))}\n`);
        else if (cmd === "echo") await io.out(`${unquote(args.join(" "))}\n`);
        if (cmd === "stty") {
          const { width, height } = await io.size();
          await io.out(`${height} ${width}\n`);
        }
      }
      return 0;
    });
  }

  async attach(pod: PodRef, container: string, opts: ProcessOptions): Promise<ProcessStreams> {
    this.calls.push({ kind: "attach", pod: `${pod.namespace}/${pod.name}`, container });
    return this.process(opts, async (io) => {
      await io.stdin.pipeTo(new WritableStream({ write: (c) => io.out(c) }));
      return 0;
    });
  }

  async portForward(pod: PodRef, port: number): Promise<Duplex> {
    this.calls.push({ kind: "portforward", pod: `${pod.namespace}/${pod.name}`, port });
    const local = this.opts.ports?.[port];
    if (local === undefined) throw new StreamError(`failed to connect to localhost:${port} inside the pod: connection refused`, 500);
    return connectTcp("127.0.0.1", local);
  }

  private process(opts: ProcessOptions, run: (io: Io) => Promise<number>): ProcessStreams {
    const stdin = new TransformStream<Uint8Array, Uint8Array>();
    if (!opts.stdin) void stdin.writable.close();
    const stdout = new TransformStream<Uint8Array, Uint8Array>();
    const stderr = new TransformStream<Uint8Array, Uint8Array>();
    const out = stdout.writable.getWriter();
    const err = opts.tty ? out : stderr.writable.getWriter();
    let size: { width: number; height: number } | undefined;
    let sized: (() => void) | undefined;
    const bytes = (t: string | Uint8Array) => (typeof t === "string" ? new TextEncoder().encode(t) : t);
    const io: Io = {
      stdin: stdin.readable,
      out: (t) => (opts.stdout ? out.write(bytes(t)) : Promise.resolve()),
      err: (t) => (opts.stderr || opts.tty ? err.write(bytes(t)) : Promise.resolve()),
      size: async () => {
        while (!size) await new Promise<void>((r) => (sized = r));
        return size;
      },
    };
    const exit = run(io).finally(() => {
      void out.close().catch(() => {});
      if (err !== out) void err.close().catch(() => {});
    });
    return {
      stdin: opts.stdin ? stdin.writable : undefined,
      stdout: opts.stdout ? stdout.readable : undefined,
      stderr: opts.stderr && !opts.tty ? stderr.readable : undefined,
      resize: (width, height) => {
        size = { width, height };
        this.resizes.push(size);
        sized?.();
      },
      exit,
      detach: () => void stdin.writable.abort().catch(() => {}),
    };
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }
}

function logKey(pod: { namespace: string; name: string }, container: string, previous: boolean): string {
  return `${pod.namespace}/${pod.name}/${container}${previous ? "#previous" : ""}`;
}

const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, "$2");
const shellJoin = (argv: string[]) => argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ");
