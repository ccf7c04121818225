// Serve one stream the server opened through the tunnel: ask the provider for it, answer READY
// (or END with the failure), move bytes until it is done, and finish with END — the exit code
// for exec. A RESET from the server (kubectl went away) releases whatever the provider holds.

import { parseResize } from "../../shared/streams/channel.ts";
import { tunnelDuplex } from "../../shared/streams/tunnel/duplex.ts";
import type { TunnelStream } from "../../shared/streams/tunnel/mux.ts";
import { failureOf, TunnelChannel, type OpenRequest } from "../../shared/streams/tunnel/types.ts";
import type { Logger } from "../../shared/log.ts";
import type { ProcessStreams, StreamProvider } from "./provider.ts";

export async function serveStream(stream: TunnelStream, provider: StreamProvider, log?: Logger): Promise<void> {
  const req = stream.request;
  try {
    if (req.kind === "log") await serveLog(stream, req, provider);
    else if (req.kind === "exec" || req.kind === "attach") await serveProcess(stream, req, provider);
    else if (req.kind === "portforward") await servePortForward(stream, req, provider);
    else throw new Error(`stream kind ${JSON.stringify((req as { kind: unknown }).kind)} is not served by this agent`);
  } catch (e) {
    const failure = failureOf(e);
    if (failure.code >= 500) log?.level("warn")("stream failed", { kind: req.kind, pod: `${req.pod.namespace}/${req.pod.name}`, error: failure.message });
    stream.end({ error: failure });
  }
}

async function serveLog(stream: TunnelStream, req: Extract<OpenRequest, { kind: "log" }>, provider: StreamProvider) {
  const o = req.options;
  const abort = new AbortController();
  void stream.result.then(() => abort.abort());
  const lines = await provider.logs(req.pod, req.container, {
    follow: o.follow,
    previous: o.previous,
    timestamps: o.timestamps,
    tailLines: o.tailLines,
    since: o.sinceTime ? new Date(o.sinceTime) : undefined,
    limitBytes: o.limitBytes,
    signal: abort.signal,
  });
  stream.accept();
  let left = o.limitBytes ?? Infinity;
  for await (const chunk of lines) {
    if (stream.done) break;
    const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
    await stream.write(TunnelChannel.output, part);
    left -= part.length;
    if (left <= 0) break;
  }
  stream.end({});
}

async function serveProcess(stream: TunnelStream, req: Extract<OpenRequest, { kind: "exec" | "attach" }>, provider: StreamProvider) {
  const opts = { stdin: req.stdin, stdout: req.stdout, stderr: req.stderr && !req.tty, tty: req.tty };
  const p: ProcessStreams = req.kind === "exec" ? await provider.exec(req.pod, req.container, req.command, opts) : await provider.attach(req.pod, req.container, opts);
  stream.accept();
  const stdin = p.stdin?.getWriter();
  stream.attach({
    async data(channel, bytes) {
      if (channel === TunnelChannel.stdin) await stdin?.write(bytes).catch(() => {});
      else if (channel === TunnelChannel.resize) {
        const { width, height } = parseResize(bytes);
        p.resize(width, height);
      }
    },
    async close(channel) {
      if (channel === TunnelChannel.stdin) await stdin?.close().catch(() => {});
    },
  });
  const readers: { cancel(): Promise<void> }[] = [];
  const pump = async (rs: ReadableStream<Uint8Array> | undefined, channel: number) => {
    if (!rs) return;
    const r = rs.getReader();
    readers.push(r);
    for (;;) {
      const { done, value } = await r.read();
      if (done) return;
      await stream.write(channel, value);
    }
  };
  let ended = false;
  void stream.result.then(() => {
    if (ended) return;
    p.detach?.();
    void stdin?.abort().catch(() => {});
    for (const r of readers) void r.cancel().catch(() => {});
  });
  const output = Promise.all([pump(p.stdout, TunnelChannel.stdout), pump(p.stderr, TunnelChannel.stderr)]);
  const code = await p.exit;
  await output.catch(() => {});
  ended = true;
  stream.end(req.kind === "exec" ? { exitCode: code } : {});
}

async function servePortForward(stream: TunnelStream, req: Extract<OpenRequest, { kind: "portforward" }>, provider: StreamProvider) {
  const conn = await provider.portForward(req.pod, req.port);
  stream.accept();
  const tunnel = tunnelDuplex(stream, { read: TunnelChannel.input, write: TunnelChannel.output });
  const toPod = tunnel.readable.pipeTo(conn.writable).catch(() => {});
  // A failing pod connection ends the stream with its error (kubectl shows it); a clean EOF
  // half-closes and waits for the client's side.
  await conn.readable.pipeTo(tunnel.writable, { preventAbort: true });
  await toPod;
  stream.end({});
}
