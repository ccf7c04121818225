// Test helpers: wait for a condition (never for a fixed time), and a scripted fake API server
// for informer tests.

export async function waitUntil<T>(what: string, cond: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await cond();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(2);
  }
}

/** A watch response body the test writes events into. */
export class ScriptedWatch {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly body = new ReadableStream<Uint8Array>({
    start: (c) => {
      this.controller = c;
      c.enqueue(new TextEncoder().encode("\n"));
    },
    cancel: () => {
      this.closed = true;
    },
  });
  closed = false;

  send(type: string, object: unknown) {
    if (!this.closed) this.controller.enqueue(new TextEncoder().encode(JSON.stringify({ type, object }) + "\n"));
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.controller.close();
  }
}

type Reply = () => Response;

/** A fetch that answers lists and watches from queues the test fills. */
export function scriptedApi() {
  const lists: Reply[] = [];
  const watches: Reply[] = [];
  const requests: URL[] = [];
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    requests.push(url);
    const next = url.searchParams.get("watch") ? watches.shift() : lists.shift();
    if (next) return next();
    // Nothing scripted: hang until the client gives up.
    return new Promise<Response>((resolve) => req.signal.addEventListener("abort", () => resolve(new Response("aborted", { status: 499 }))));
  };
  const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  return {
    fetch,
    requests,
    list(items: unknown[], resourceVersion: string) {
      lists.push(json({ kind: "ConfigMapList", apiVersion: "v1", metadata: { resourceVersion }, items }));
    },
    watch(): ScriptedWatch {
      const w = new ScriptedWatch();
      watches.push(() => new Response(w.body, { status: 200, headers: { "content-type": "application/json" } }));
      return w;
    },
    watchFails(status: number, reason: string) {
      watches.push(json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason, code: status, message: reason }, status));
    },
  };
}
