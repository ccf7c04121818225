// Watch streams: newline-delimited JSON events over a chunked 200 response, fed from the
// store's commit path. RV ""/"0" starts with the current state as ADDED events; too old → 410.
import { errors } from "../../../shared/api/errors.ts";
import type { StoredObject } from "../../../shared/api/object.ts";
import { CompactedError, type WatchEvent } from "../../store/types.ts";
import type { RequestInfo } from "../context.ts";
import { TABLE_CONTENT_TYPE, type Representation } from "../request/accept.ts";
import { parseRevision, type ReadOptions } from "../request/options.ts";
import { apiVersionOf, type ResourceType } from "../registry/types.ts";
import { decodeKvShared } from "../storage/objects.ts";
import { toTable } from "../table/index.ts";
import { makeFilter } from "./filter.ts";
import { listObjects } from "./list.ts";

type EventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

const BOOKMARK_INTERVAL_MS = 30_000;
const MAX_QUEUED = 20_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function watchObjects(info: RequestInfo, rt: ResourceType, namespace: string | undefined, opts: ReadOptions, repr: Representation): Promise<Response> {
  const filter = makeFilter(rt, opts);
  const enc = new TextEncoder();
  let first = true;
  const render = (type: EventType, obj: unknown): Uint8Array => {
    let object = obj;
    if (repr === "object") return encodedEvent(type, obj as StoredObject);
    if (type === "ADDED" || type === "MODIFIED" || type === "DELETED") {
      const t = toTable(rt, [obj as StoredObject], { includeObject: opts.includeObject, now: info.ctx.now() });
      if (!first) t.columnDefinitions = [];
      first = false;
      object = t;
    }
    return enc.encode(JSON.stringify({ type, object }) + "\n");
  };

  let afterRevision = parseRevision(opts.resourceVersion);
  const initial: Uint8Array[] = [];
  if (afterRevision === 0) {
    const page = await listObjects(info, rt, namespace, { ...opts, limit: 0, continue: undefined });
    for (const o of page.items) initial.push(render("ADDED", o));
    afterRevision = Number(page.resourceVersion);
  }

  const prefix = info.ctx.store.prefix(rt, namespace);
  let cancel = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const timers: ReturnType<typeof setTimeout>[] = [];
      const close = () => {
        if (closed) return;
        closed = true;
        watcher?.cancel();
        for (const t of timers) clearTimeout(t), clearInterval(t);
        try {
          controller.close();
        } catch {}
      };
      cancel = close;
      const send = (chunk: Uint8Array) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED * 1024) return close(); // hopelessly slow client: let it re-watch
        controller.enqueue(chunk);
      };
      // Bun does not flush the header block before the first body byte; a newline is harmless
      // to Kubernetes' JSON stream decoder and unblocks the client at once.
      controller.enqueue(enc.encode("\n"));
      for (const c of initial) send(c);
      let lastRevision = afterRevision;
      let watcher: { cancel(): void } | undefined;
      try {
        watcher = info.ctx.store.backend.watch(prefix, {
          afterRevision,
          onEvents: (events: WatchEvent[]) => {
            for (const ev of events) {
              lastRevision = ev.kv.modRevision;
              const out = classify(ev, filter.matches);
              if (out) send(render(out[0], out[1]));
            }
          },
        });
      } catch (e) {
        if (!(e instanceof CompactedError)) throw e;
        const status = errors.gone(`too old resource version: ${e.requested} (${e.compactRevision})`).toStatus();
        send(enc.encode(JSON.stringify({ type: "ERROR", object: status }) + "\n"));
        return close();
      }
      // setTimeout takes at most 2^31-1 ms (~24.8 days) and fires at once beyond that: cap the wait.
      if (opts.timeoutSeconds) timers.push(setTimeout(close, Math.min(opts.timeoutSeconds * 1000, MAX_TIMER_MS)));
      if (opts.allowWatchBookmarks) {
        timers.push(
          setInterval(() => {
            const bookmark = { kind: rt.kind, apiVersion: apiVersionOf(rt), metadata: { resourceVersion: String(lastRevision) } };
            send(enc.encode(JSON.stringify({ type: "BOOKMARK", object: bookmark }) + "\n"));
          }, BOOKMARK_INTERVAL_MS),
        );
      }
      info.req.signal?.addEventListener("abort", close);
    },
    cancel() {
      cancel();
    },
  });
  const headers = new Headers(info.headers);
  headers.set("content-type", repr === "table" ? TABLE_CONTENT_TYPE : "application/json");
  headers.set("cache-control", "no-cache, private");
  return new Response(stream, { status: 200, headers });
}

const encoded = new WeakMap<StoredObject, Partial<Record<EventType, Uint8Array>>>();

/** One event line per (object, type), shared by every watcher that receives it. */
function encodedEvent(type: EventType, obj: StoredObject): Uint8Array {
  let byType = encoded.get(obj);
  if (!byType) encoded.set(obj, (byType = {}));
  return (byType[type] ??= new TextEncoder().encode(JSON.stringify({ type, object: obj }) + "\n"));
}

/** Map a store event to a watch event under the client's selectors. */
function classify(ev: WatchEvent, matches: (o: StoredObject) => boolean): [EventType, StoredObject] | undefined {
  const obj = decodeKvShared(ev.kv);
  if (ev.type === "delete") return matches(obj) ? ["DELETED", obj] : undefined;
  const now = matches(obj);
  if (ev.type === "create") return now ? ["ADDED", obj] : undefined;
  const before = ev.prevKv ? matches(decodeKvShared(ev.prevKv)) : false;
  if (now) return [before ? "MODIFIED" : "ADDED", obj];
  return before ? ["DELETED", obj] : undefined;
}
