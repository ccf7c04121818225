// Watch streams: newline-delimited JSON events. The server sends a leading "\n" to flush its
// headers, so blank lines are skipped. stop() (or the caller's AbortSignal) ends iteration quietly.
import type { Status } from "../api/errors.ts";
import type { StoredObject } from "../api/object.ts";

export type WatchEvent<T = StoredObject> =
  | { type: "ADDED" | "MODIFIED" | "DELETED"; object: T }
  | { type: "BOOKMARK"; object: { kind?: string; apiVersion?: string; metadata: { resourceVersion: string } } }
  | { type: "ERROR"; object: Status };

export interface WatchStream<T = StoredObject> extends AsyncIterable<WatchEvent<T>> {
  /** End the watch: the request is aborted and iteration finishes without an error. */
  stop(): void;
  readonly stopped: boolean;
}

/** Split a byte stream into parsed JSON lines, skipping blank ones. */
/** The part of a stream reader jsonLines uses (DOM and node:stream/web readers both fit). */
export interface ByteReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(): Promise<void>;
}

export async function* jsonLines(reader: ByteReader, stopped: () => boolean): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buf = "";
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<ByteReader["read"]>>;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (stopped()) return;
        throw e;
      }
      if (chunk.done) break;
      buf += decoder.decode(chunk.value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (stopped()) return;
        if (line) yield JSON.parse(line);
      }
    }
    const rest = (buf + decoder.decode()).trim();
    if (rest && !stopped()) yield JSON.parse(rest);
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Wrap a watch response body; `abort` cancels the underlying request. */
export function watchStream<T>(body: ReadableStream<Uint8Array>, abort: AbortController): WatchStream<T> {
  let stopped = false;
  const reader = body.getReader() as unknown as ByteReader;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    abort.abort();
    reader.cancel().catch(() => {});
  };
  abort.signal.addEventListener("abort", stop, { once: true });
  const lines = jsonLines(reader, () => stopped);
  return {
    stop,
    get stopped() {
      return stopped;
    },
    async *[Symbol.asyncIterator]() {
      try {
        for await (const line of lines) yield line as WatchEvent<T>;
      } finally {
        stop();
      }
    },
  };
}
