// What the agent's tunnel asks of the node for kubectl's streams. The runtime implements it
// (runc: log files, `runc exec`, the container's console, a socket in the pod's network);
// FakeStreamProvider implements it for tests. A provider throws StreamError for failures
// kubectl should show as they are (`container "c" is not running`): code 400 unless it says
// otherwise. Anything else thrown reaches kubectl as an internal error.

import type { Duplex } from "../../shared/streams/duplex.ts";
import type { PodRef } from "../../shared/streams/tunnel/types.ts";

export { StreamError } from "../../shared/streams/tunnel/types.ts";
export type { Duplex, PodRef };

export interface LogOptions {
  /** Keep the stream open and send new lines as they are written, until the consumer stops. */
  follow: boolean;
  /** The previous (terminated) instance of the container. */
  previous: boolean;
  /** Prefix each line with its RFC 3339 time (nanoseconds) and a space. */
  timestamps: boolean;
  /** Only the last N lines (before following). */
  tailLines?: number;
  /** Only lines written at or after this time. */
  since?: Date;
  /** Stop after this many bytes; the tunnel also cuts the stream there. */
  limitBytes?: number;
  /** Aborted when the client goes away: stop following and end the iterable. */
  signal?: AbortSignal;
}

export interface ProcessOptions {
  stdin: boolean;
  stdout: boolean;
  /** Never with tty: a terminal has one output. */
  stderr: boolean;
  tty: boolean;
}

/** A running exec, or an attachment to a container's main process. */
export interface ProcessStreams {
  /** Present when stdin was asked for; closing it is the client's EOF. */
  stdin?: WritableStream<Uint8Array>;
  stdout?: ReadableStream<Uint8Array>;
  stderr?: ReadableStream<Uint8Array>;
  /** The terminal's new size (tty only). */
  resize(width: number, height: number): void;
  /** Exec: the process's exit code. Attach: settles when the attachment ends (the code is ignored). */
  exit: Promise<number>;
  /** The client went away: release what the session holds (close stdin, stop reading output). */
  detach?(): void;
}

export interface StreamProvider {
  /** The container's log, already cut and formatted per the options. */
  logs(pod: PodRef, container: string, opts: LogOptions): AsyncIterable<Uint8Array> | Promise<AsyncIterable<Uint8Array>>;
  /** Run a command in the container. */
  exec(pod: PodRef, container: string, command: string[], opts: ProcessOptions): Promise<ProcessStreams>;
  /** Attach to the container's main process (its stdin/stdout/stderr or its terminal). */
  attach(pod: PodRef, container: string, opts: ProcessOptions): Promise<ProcessStreams>;
  /** A connection to a port in the pod's network namespace. */
  portForward(pod: PodRef, port: number): Promise<Duplex>;
}
