// kubectl's streams for pods the runc runtime runs: logs from the containers' log files, exec
// through `runc exec`, port-forward by dialing the pod's IP on the node's bridge. Attach is not
// offered yet (runc runs the main process without a console to re-attach to): it answers 501.
import { StreamError, connectTcp, type Duplex, type LogOptions, type PodRef, type ProcessOptions, type ProcessStreams, type StreamProvider } from "./tunnel/index.ts";
import type { RuncRuntime } from "./runtime/runc/runtime.ts";

export interface RuncStreamsOptions {
  runtime: Pick<RuncRuntime, "logs" | "exec">;
  /** The pod's IP on the node (the bridge network's address book). */
  podIP(uid: string): string | undefined;
}

/** A runtime failure kubectl should see as it is (`container "c" is not running`). */
function asStreamError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof StreamError ? e : new StreamError((e as Error).message, 400);
  }
}

/** stdout and stderr as one stream: a terminal has one output, and runc exec here has no tty. */
function merged(a: ReadableStream<Uint8Array>, b: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const w = writable.getWriter();
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s) await w.write(chunk);
  };
  void Promise.allSettled([pump(a), pump(b)]).then(() => w.close().catch(() => {}));
  return readable;
}

export class RuncStreams implements StreamProvider {
  constructor(private readonly opts: RuncStreamsOptions) {}

  logs(pod: PodRef, container: string, opts: LogOptions): AsyncIterable<Uint8Array> {
    return asStreamError(() => this.opts.runtime.logs(pod.uid, container, opts));
  }

  async exec(pod: PodRef, container: string, command: string[], opts: ProcessOptions): Promise<ProcessStreams> {
    const proc = asStreamError(() => this.opts.runtime.exec(pod.uid, container, command, { stdin: opts.stdin }));
    const drop = (s: ReadableStream<Uint8Array>) => void s.cancel().catch(() => {});
    let stdout: ReadableStream<Uint8Array> | undefined;
    let stderr: ReadableStream<Uint8Array> | undefined;
    if (opts.tty) {
      stdout = merged(proc.stdout, proc.stderr);
    } else {
      if (opts.stdout) stdout = proc.stdout;
      else drop(proc.stdout);
      if (opts.stderr) stderr = proc.stderr;
      else drop(proc.stderr);
    }
    return { stdin: proc.stdin, stdout, stderr, resize: () => {}, exit: proc.exit, detach: () => proc.kill() };
  }

  async attach(pod: PodRef, container: string): Promise<ProcessStreams> {
    throw new StreamError(`attach to container ${container} of pod ${pod.namespace}/${pod.name}: not supported by kubun's runc runtime yet`, 501);
  }

  async portForward(pod: PodRef, port: number): Promise<Duplex> {
    const ip = this.opts.podIP(pod.uid);
    if (!ip) throw new StreamError(`pod ${pod.namespace}/${pod.name} has no IP on this node`, 400);
    return connectTcp(ip, port);
  }
}
