// Test helper: send one raw request (binary bodies, any header) to the in-process app and read
// the answer. A response that is still streaming after a short quiet spell (a watch) is
// cancelled, so no request can hang a test.
import { TEST_TOKEN } from "./testing.ts";

export interface RawRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/namespaces/default/configmaps?limit=1`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any;
  /** True when the body was still open and was cancelled (a watch). */
  streamed: boolean;
}

type Fetch = (req: Request) => Response | Promise<Response>;

const QUIET_MS = 15;

export async function send(app: { fetch: Fetch }, r: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${TEST_TOKEN}`, ...r.headers };
  const hasBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
  const req = new Request(`https://kubun.test${r.path}`, { method: r.method, headers, body: hasBody ? r.body : undefined });
  const res = await app.fetch(req);
  const { text, streamed } = await readBody(res);
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, streamed };
}

async function readBody(res: Response): Promise<{ text: string; streamed: boolean }> {
  if (!res.body) return { text: "", streamed: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const quiet = new Promise<"quiet">((resolve) => (timer = setTimeout(() => resolve("quiet"), QUIET_MS)));
    const next = await Promise.race([reader.read(), quiet]);
    clearTimeout(timer);
    if (next === "quiet") {
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString(), streamed: true };
    }
    if (next.done) return { text: Buffer.concat(chunks).toString(), streamed: false };
    chunks.push(next.value);
  }
}

/** A short, printable description of a request for failure messages. */
export function describe(r: RawRequest): string {
  const body =
    r.body === undefined
      ? ""
      : typeof r.body === "string"
        ? `\n  body (${r.body.length} chars): ${r.body.length > 600 ? r.body.slice(0, 600) + "…" : r.body}`
        : `\n  body (${r.body.length} bytes, hex): ${Buffer.from(r.body.subarray(0, 300)).toString("hex")}${r.body.length > 300 ? "…" : ""}`;
  return `${r.method} ${r.path.length > 300 ? r.path.slice(0, 300) + "…" : r.path}\n  headers: ${JSON.stringify(r.headers ?? {})}${body}`;
}
