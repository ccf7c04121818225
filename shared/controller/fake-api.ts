// Test helpers for reconcile functions: a frozen cache preloaded with objects, and a fetch that
// records every write a controller makes and answers it plausibly (creates get a name, uid and
// resourceVersion; updates a new resourceVersion; deletes a Success status). GETs are answered
// from objects the test registers; anything else is 404.
import type { KubeObject, StoredObject } from "../api/object.ts";
import { Client } from "../client/index.ts";
import { deepFreeze, keyOf } from "./keys.ts";

export interface ReadCache<T> {
  get(key: string): T | undefined;
  list(): T[];
}

/** A read-only cache (frozen, as informers keep them) of `objects`. */
export function cacheOf<T extends KubeObject>(objects: readonly T[]): ReadCache<T> & { set(obj: T): void; delete(key: string): void } {
  const m = new Map<string, T>();
  for (const o of objects) m.set(keyOf(o), deepFreeze(structuredClone(o)));
  return {
    get: (key) => m.get(key),
    list: () => [...m.values()],
    set: (obj) => void m.set(keyOf(obj), deepFreeze(structuredClone(obj))),
    delete: (key) => void m.delete(key),
  };
}

export interface RecordedWrite {
  method: string;
  /** Path without the query string, e.g. /api/v1/namespaces/default/pods. */
  path: string;
  query: URLSearchParams;
  body: any;
}

export function recordingApi() {
  const writes: RecordedWrite[] = [];
  const objects = new Map<string, StoredObject>();
  const failures: { method: string; path: RegExp; status: number; reason: string; times: number }[] = [];
  let seq = 0;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const status = (code: number, reason: string, message: string) => json({ kind: "Status", apiVersion: "v1", metadata: {}, status: code < 300 ? "Success" : "Failure", reason, message, code }, code);

  const fetch = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const body = req.method === "GET" ? undefined : await req.text().then((t) => (t ? JSON.parse(t) : undefined));
    if (req.method !== "GET") writes.push({ method: req.method, path: url.pathname, query: url.searchParams, body });
    const failure = failures.find((f) => f.times > 0 && f.method === req.method && f.path.test(url.pathname));
    if (failure) {
      failure.times--;
      return status(failure.status, failure.reason, `injected ${failure.reason}`);
    }
    const seg = url.pathname.split("/");
    const ns = seg.indexOf("namespaces") >= 0 ? seg[seg.indexOf("namespaces") + 1] : undefined;
    switch (req.method) {
      case "GET": {
        const obj = objects.get(url.pathname);
        return obj ? json(obj) : status(404, "NotFound", `${url.pathname} not found`);
      }
      case "POST": {
        const n = ++seq;
        const meta = { ...body.metadata };
        meta.name ??= `${meta.generateName ?? "obj-"}${n.toString(36).padStart(5, "x")}`;
        if (ns) meta.namespace = ns;
        Object.assign(meta, { uid: `uid-${meta.name}`, resourceVersion: String(1000 + n), creationTimestamp: meta.creationTimestamp ?? "2025-01-01T00:00:00Z" });
        return json({ ...body, metadata: meta }, 201);
      }
      case "PUT":
        return json({ ...body, metadata: { ...body.metadata, resourceVersion: String(1000 + ++seq) } });
      case "PATCH":
        return json({ ...(objects.get(url.pathname) ?? { metadata: { name: seg.at(-1) } }), ...body, metadata: { ...objects.get(url.pathname)?.metadata, ...body.metadata, resourceVersion: String(1000 + ++seq) } });
      case "DELETE":
        return status(200, "", "deleted");
    }
    return status(405, "MethodNotAllowed", req.method);
  };

  return {
    fetch,
    writes,
    client: new Client({ baseUrl: "http://fake.test", fetch }),
    /** Answer GET `path` with `obj`. */
    serve(path: string, obj: StoredObject) {
      objects.set(path, obj);
    },
    /** Fail `method` on paths matching `path` with `code`/`reason` (`times` times, default always). */
    fail(method: string, path: RegExp, code: number, reason: string, times = Infinity) {
      failures.push({ method, path, status: code, reason, times });
    },
    /** The writes of one method (and optionally a path fragment), in order. */
    of(method: string, pathPart = ""): RecordedWrite[] {
      return writes.filter((w) => w.method === method && w.path.includes(pathPart));
    },
  };
}
