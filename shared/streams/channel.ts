// The Kubernetes remotecommand WebSocket protocol v5.channel.k8s.io (exec and attach): every
// binary message is [channel byte][payload]. v5 adds a CLOSE message [255, channel] (client
// stdin EOF) to v4, whose error channel carries one Status JSON: Success, or Failure with
// reason NonZeroExitCode and the exit code as a cause (kubectl exits with that code).

export const V5_PROTOCOL = "v5.channel.k8s.io";

export const Channel = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  /** Server → client: the one Status JSON that ends the session. */
  error: 3,
  /** Client → server: {"Width":w,"Height":h}. */
  resize: 4,
  /** v5: [255, channel] closes that channel (the client's stdin EOF). */
  close: 255,
} as const;

export type ClientMessage =
  | { type: "stdin"; data: Uint8Array }
  | { type: "resize"; width: number; height: number }
  | { type: "close"; channel: number }
  | { type: "unknown"; channel: number };

/** One protocol message: the channel byte, then the payload. */
export function encodeChannelMessage(channel: number, payload: Uint8Array | string = new Uint8Array()): Uint8Array {
  const bytes = typeof payload === "string" ? new TextEncoder().encode(payload) : payload;
  const out = new Uint8Array(bytes.length + 1);
  out[0] = channel;
  out.set(bytes, 1);
  return out;
}

/** What a client sent; throws on an empty message or a resize that is not {"Width","Height"}. */
export function decodeClientMessage(msg: Uint8Array): ClientMessage {
  if (msg.length === 0) throw new Error("remotecommand message is empty: it must start with a channel byte");
  const channel = msg[0]!;
  const payload = msg.subarray(1);
  if (channel === Channel.stdin) return { type: "stdin", data: payload };
  if (channel === Channel.resize) return { type: "resize", ...parseResize(payload) };
  if (channel === Channel.close) {
    if (payload.length !== 1) throw new Error(`remotecommand close message must name one channel, got ${payload.length} bytes`);
    return { type: "close", channel: payload[0]! };
  }
  return { type: "unknown", channel };
}

/** A terminal size message, as kubectl sends it: {"Width":100,"Height":30}. */
export function parseResize(payload: Uint8Array): { width: number; height: number } {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new Error(`resize message is not JSON: ${JSON.stringify(new TextDecoder().decode(payload).slice(0, 80))}`);
  }
  const { Width, Height } = (v ?? {}) as { Width?: unknown; Height?: unknown };
  if (!isDimension(Width) || !isDimension(Height)) throw new Error(`resize message needs integer Width and Height in 0..65535, got ${JSON.stringify(v)}`);
  return { width: Width, height: Height };
}

export function encodeResize(width: number, height: number): Uint8Array {
  return encodeChannelMessage(Channel.resize, JSON.stringify({ Width: width, Height: height }));
}

const isDimension = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 65535;

/** The v4 status that ends a session; kubectl reads exit codes from the ExitCode cause. */
export interface ExecStatus {
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: { causes: { reason: string; message: string }[] };
}

export function successStatus(): ExecStatus {
  return { metadata: {}, status: "Success" };
}

export function exitCodeStatus(code: number): ExecStatus {
  if (code === 0) return successStatus();
  return {
    metadata: {},
    status: "Failure",
    message: `command terminated with non-zero exit code: exit status ${code}`,
    reason: "NonZeroExitCode",
    details: { causes: [{ reason: "ExitCode", message: String(code) }] },
  };
}

/** Any other failure: kubectl prints the message and exits 1. */
export function failureStatus(message: string, reason = "InternalError"): ExecStatus {
  return { metadata: {}, status: "Failure", message, reason };
}

export function encodeStatus(s: ExecStatus): Uint8Array {
  return encodeChannelMessage(Channel.error, JSON.stringify(s));
}

/** The exit code a status reports: 0 for Success, the ExitCode cause, or undefined for other failures. */
export function exitCodeOf(s: ExecStatus): number | undefined {
  if (s.status === "Success") return 0;
  if (s.reason !== "NonZeroExitCode") return undefined;
  const cause = s.details?.causes.find((c) => c.reason === "ExitCode");
  const n = cause ? Number(cause.message) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** The subprotocols a WebSocket handshake offers, in order. */
export function offeredProtocols(header: string | null): string[] {
  return (header ?? "").split(",").map((p) => p.trim()).filter(Boolean);
}
