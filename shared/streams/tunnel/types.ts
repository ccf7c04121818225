// What travels through an agent's tunnel: the server opens a stream per kubectl request and
// says what it wants (OpenRequest); the agent answers Ready, then data, then one StreamResult.

/** Where agents open their tunnel (a WebSocket upgrade, authenticated as the node). */
export const TUNNEL_PATH = "/v1-kubun/tunnel";

/** The pod a stream is for; the runtime finds it by uid. */
export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

export interface LogRequestOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  /** Only the last N lines. */
  tailLines?: number;
  /** Only lines written at or after this RFC 3339 time (sinceSeconds is turned into one). */
  sinceTime?: string;
  /** Stop after this many bytes. */
  limitBytes?: number;
}

export interface ProcessRequestOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export type OpenRequest =
  | { kind: "log"; pod: PodRef; container: string; options: LogRequestOptions }
  | ({ kind: "exec"; pod: PodRef; container: string; command: string[] } & ProcessRequestOptions)
  | ({ kind: "attach"; pod: PodRef; container: string } & ProcessRequestOptions)
  | { kind: "portforward"; pod: PodRef; port: number };

export type StreamKind = OpenRequest["kind"];

/** How a stream failed, as a Kubernetes Status would say it. */
export interface StreamFailure {
  code: number;
  reason: string;
  message: string;
}

/** The last word on a stream: an exit code (exec), a failure, or neither (done). */
export interface StreamResult {
  exitCode?: number;
  error?: StreamFailure;
}

/** Channel numbers inside a tunnel stream; the remotecommand ones where they mean the same. */
export const TunnelChannel = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  resize: 4,
  /** log output and port-forward bytes from the pod. */
  output: 1,
  /** port-forward bytes to the pod. */
  input: 0,
} as const;

/** A failure a stream provider reports on purpose; it reaches kubectl as a Status with this code. */
export class StreamError extends Error {
  constructor(
    message: string,
    readonly code = 400,
    readonly reason = code === 404 ? "NotFound" : code >= 500 ? "InternalError" : "BadRequest",
  ) {
    super(message);
  }

  toFailure(): StreamFailure {
    return { code: this.code, reason: this.reason, message: this.message };
  }
}

/** Anything thrown, as a failure to send: a StreamError keeps its code, anything else is a 500. */
export function failureOf(e: unknown): StreamFailure {
  if (e instanceof StreamError) return e.toFailure();
  return { code: 500, reason: "InternalError", message: e instanceof Error ? e.message : String(e) };
}
