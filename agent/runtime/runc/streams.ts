// kubectl's streams served from runc pods, for the agent's tunnel (agent/tunnel/provider.ts):
// logs from the log files, exec through `runc exec` (with a terminal from Bun.Terminal for -t),
// port-forward through a relay process started in the pod's network namespace, attach through
// the container's stdin FIFO and its log, or to a tty container's terminal (tty.ts).
import type { Duplex, LogOptions, PodRef, ProcessOptions, ProcessStreams, StreamProvider } from "../../tunnel/provider.ts";
import { StreamError } from "../../tunnel/provider.ts";
import { readLogs } from "./logs.ts";
import type { RuncContainer } from "./container.ts";
import type { RuncRuntime } from "./runtime.ts";
import type { ContainerTty } from "./tty.ts";

function iterableStream(it: AsyncIterator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(ctl) {
      const { value, done } = await it.next();
      if (done) ctl.close();
      else ctl.enqueue(value);
    },
    cancel: () => void it.return?.(undefined),
  });
}

/** The relay's argv: stdin/stdout ↔ 127.0.0.1:port, run inside the namespace by nsenter. */
export function relayCommand(port: number): string[] {
  const PATH = `${process.env.PATH ?? ""}:/usr/sbin:/sbin`;
  if (Bun.which("socat", { PATH })) return ["socat", "-", `TCP:127.0.0.1:${port}`];
  if (Bun.which("nc", { PATH })) return ["nc", "127.0.0.1", String(port)];
  if (Bun.which("busybox", { PATH })) return ["busybox", "nc", "127.0.0.1", String(port)];
  throw new StreamError("port-forward needs socat, nc or busybox on the node", 500);
}

export class RuncStreamProvider implements StreamProvider {
  constructor(private readonly runtime: RuncRuntime) {}

  async logs(pod: PodRef, container: string, opts: LogOptions): Promise<AsyncIterable<Uint8Array>> {
    try {
      return this.runtime.logs(pod.uid, container, opts);
    } catch (e) {
      throw new StreamError((e as Error).message, 400);
    }
  }

  async exec(pod: PodRef, container: string, command: string[], opts: ProcessOptions): Promise<ProcessStreams> {
    const c = this.runtime.runningContainer(pod.uid, container);
    if (!c) throw new StreamError(`container ${container} is not running`, 400);
    if (opts.tty) return this.execTty(c, command, opts);
    const p = this.runtime.exec(pod.uid, container, command, { stdin: opts.stdin });
    if (!opts.stdout) void p.stdout.cancel();
    if (!opts.stderr) void p.stderr.cancel();
    return {
      stdin: p.stdin,
      stdout: opts.stdout ? p.stdout : undefined,
      stderr: opts.stderr ? p.stderr : undefined,
      resize: () => {},
      exit: p.exit,
      detach: () => p.kill(),
    };
  }

  private execTty(runcId: string, command: string[], opts: ProcessOptions): ProcessStreams {
    let out!: ReadableStreamDefaultController<Uint8Array>;
    let lastData = Date.now();
    const stdout = new ReadableStream<Uint8Array>({ start: (c) => void (out = c) });
    const terminal = new Bun.Terminal({
      cols: 80,
      rows: 24,
      data: (_t, data) => {
        lastData = Date.now();
        out.enqueue(new Uint8Array(data));
      },
      exit: (t) => {
        try {
          out.close();
        } catch {}
        t.close();
      },
    });
    const proc = Bun.spawn(this.runtime.runc.argv("exec", "--tty", runcId, ...command), { terminal });
    const stdin = opts.stdin
      ? new WritableStream<Uint8Array>({
          write: (chunk) => void terminal.write(chunk),
          close: () => void terminal.write(new Uint8Array([4])),
        })
      : undefined;
    // The pty only reports EOF once closed: after the process exits, close it when its last
    // output has been read (nothing new for 50 ms).
    const exit = proc.exited.then(async (code) => {
      while (Date.now() - lastData < 50) await Bun.sleep(10);
      terminal.close();
      return code;
    });
    return { stdin, stdout, resize: (w, h) => terminal.resize(w, h), exit, detach: () => proc.kill("SIGKILL") };
  }

  /**
   * Attach without a terminal: output is the container's log from now on (stdout and stderr
   * together, on stdout), stdin goes to the container's stdin FIFO (spec.stdin); with
   * spec.stdinOnce the first session's end is the container's EOF.
   */
  async attach(pod: PodRef, container: string, opts: ProcessOptions): Promise<ProcessStreams> {
    const c = this.runtime.container(pod.uid, container);
    if (!c?.running) throw new StreamError(`container ${container} is not running`, 400);
    if (opts.stdin && !c.spec.stdin) throw new StreamError(`container ${container} was not started with stdin: true; attach without -i`, 400);
    if (c.tty) return this.attachTty(c.tty, c, opts);
    const abort = new AbortController();
    const logs = readLogs(this.runtime.logDir(pod.uid, container)!, { follow: true, tailLines: 0, running: () => c.running, signal: abort.signal, pollMs: 50 });
    const stdout = opts.stdout || opts.stderr ? iterableStream(logs) : undefined;
    const stdin = opts.stdin
      ? new WritableStream<Uint8Array>({
          write: (chunk) => c.stdin.write(chunk),
          close: () => void (c.spec.stdinOnce && c.stdin.close()),
        })
      : undefined;
    return { stdin, stdout, resize: () => {}, exit: c.runEnded.then(() => 0), detach: () => abort.abort() };
  }

  /**
   * Attach to a tty container: its terminal's output from now on (on stdout), stdin typed into
   * it, resizes applied to it. With spec.stdinOnce the session's end is an end-of-file (^D).
   */
  private attachTty(tty: ContainerTty, c: RuncContainer, opts: ProcessOptions): ProcessStreams {
    let unsubscribe = () => {};
    const stdout = opts.stdout || opts.stderr
      ? new ReadableStream<Uint8Array>({
          start: (ctl) => {
            unsubscribe = tty.attach({
              data: (chunk) => ctl.enqueue(chunk),
              end: () => {
                try {
                  ctl.close();
                } catch {}
              },
            });
          },
          cancel: () => unsubscribe(),
        })
      : undefined;
    const stdin = opts.stdin
      ? new WritableStream<Uint8Array>({
          write: (chunk) => tty.write(chunk),
          close: () => void (c.spec.stdinOnce && tty.write(new Uint8Array([4]))),
        })
      : undefined;
    return { stdin, stdout, resize: (w, h) => tty.resize(w, h), exit: c.runEnded.then(() => 0), detach: () => unsubscribe() };
  }

  async portForward(pod: PodRef, port: number): Promise<Duplex> {
    const netns = this.runtime.netnsPath(pod.uid);
    if (!netns) throw new StreamError(`pod ${pod.namespace}/${pod.name} is not running on this node`, 404);
    const proc = Bun.spawn(["nsenter", `--net=${netns}`, ...relayCommand(port)], { stdin: "pipe", stdout: "pipe", stderr: "ignore" });
    const sink = proc.stdin;
    return {
      readable: proc.stdout,
      writable: new WritableStream<Uint8Array>({
        write: async (chunk) => {
          sink.write(chunk);
          await sink.flush();
        },
        close: async () => void (await sink.end()),
        abort: () => proc.kill(),
      }),
    };
  }
}
