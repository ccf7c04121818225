// Streaming protocols: kubectl's remotecommand channels (exec/attach), SPDY/3.1 port-forward,
// and the tunnel that carries streams between the server and each agent.
export * from "./channel.ts";
export type { Duplex } from "./duplex.ts";
export { PORT_FORWARD_WEBSOCKET_PROTOCOL, startPortForward, type PortForwardOptions, type PortForwardSession } from "./spdy/portforward.ts";
export { tunnelDuplex } from "./tunnel/duplex.ts";
export { TunnelProtocolError } from "./tunnel/frames.ts";
export { INITIAL_WINDOW, TunnelMux, TunnelStream, type StreamSink, type TunnelMuxOptions } from "./tunnel/mux.ts";
export * from "./tunnel/types.ts";
