// The agent's end of the stream tunnel and the interface the runtime implements for it.
export { startTunnel, TunnelClient, type TunnelClientOptions } from "./client.ts";
export { FakeStreamProvider, type FakeStreamProviderOptions } from "./fake-provider.ts";
export { formatLine, rfc3339Nano, selectLines, type LogLine } from "./log-lines.ts";
export { StreamError, type Duplex, type LogOptions, type PodRef, type ProcessOptions, type ProcessStreams, type StreamProvider } from "./provider.ts";
export { serveStream } from "./serve.ts";
export { connectTcp, socketDuplex } from "./tcp.ts";
