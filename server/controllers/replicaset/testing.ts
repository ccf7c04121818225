// Test helpers for reconcile unit tests: a fake API that stores objects in memory, answers the
// client's requests (get, create with generateName, PUT, /status, merge patch, delete) and
// records every write; and cached objects for preloading indexes.
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { Client } from "../../../shared/client/index.ts";
import { deepFreeze, FakeClock } from "../../../shared/controller/index.ts";
import { Expectations } from "./expectations.ts";
import { ControllerIndex } from "./owner-index.ts";
import { PODS, type PodObject, type ReplicaSetObject } from "./types.ts";
import { EventRecorder } from "../../../shared/controller/index.ts";
import { createLogger } from "../../../shared/log.ts";

export interface Write {
  method: string;
  /** "pods", "replicasets/status", "events" … */
  resource: string;
  name?: string;
  body: any;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const status = (code: number, reason: string, message: string) => json({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message }, code);

export function fakeApi() {
  const objects = new Map<string, StoredObject>(); // "plural/ns/name"
  const writes: Write[] = [];
  let rv = 100;
  let seq = 0;
  /** Return a Response to fail a write (or undefined to let it through). */
  let failWrite: (w: Write) => Response | undefined = () => undefined;
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    const parts = url.pathname.split("/").filter(Boolean);
    const nsAt = parts.indexOf("namespaces");
    const ns = parts[nsAt + 1]!;
    const [plural, name, sub] = parts.slice(nsAt + 2);
    const resource = sub ? `${plural}/${sub}` : plural!;
    const body: any = req.method === "GET" || req.method === "DELETE" ? undefined : await req.json();
    const key = `${plural}/${ns}/${name}`;
    if (req.method === "GET") return objects.has(key) ? json(objects.get(key)) : status(404, "NotFound", `${plural} "${name}" not found`);
    const w: Write = { method: req.method, resource, name, body };
    writes.push(w);
    const failed = failWrite(w);
    if (failed) return failed;
    if (req.method === "POST") {
      const meta = body.metadata ?? {};
      const objName = meta.name ?? `${meta.generateName}${(seq++).toString(36).padStart(5, "x")}`;
      const obj = { ...body, metadata: { ...meta, name: objName, namespace: ns, uid: `uid-${objName}`, resourceVersion: String(++rv), generation: 1, creationTimestamp: "2025-01-01T00:00:00Z" } };
      if (objects.has(`${plural}/${ns}/${objName}`)) return status(409, "AlreadyExists", `${plural} "${objName}" already exists`);
      objects.set(`${plural}/${ns}/${objName}`, obj);
      return json(obj, 201);
    }
    const cur = objects.get(key);
    if (!cur) return status(404, "NotFound", `${plural} "${name}" not found`);
    if (req.method === "DELETE") {
      objects.delete(key);
      return json(cur);
    }
    const wantRv = body.metadata?.resourceVersion;
    if (wantRv && wantRv !== cur.metadata.resourceVersion) return status(409, "Conflict", `Operation cannot be fulfilled on ${plural} "${name}": the object has been modified`);
    let next: StoredObject;
    if (req.method === "PATCH") next = mergePatch(cur, body) as StoredObject;
    else if (sub === "status") next = { ...cur, status: body.status };
    else next = { ...body, status: cur.status };
    next = { ...next, metadata: { ...next.metadata, resourceVersion: String(++rv) } };
    objects.set(key, next);
    return json(next);
  };
  const client = new Client({ baseUrl: "http://fake", fetch });
  return {
    client,
    writes,
    /** Writes other than events, as "METHOD resource[/name]". */
    summary: () => writes.filter((w) => w.resource !== "events").map((w) => `${w.method} ${w.resource}${w.name ? ` ${w.name}` : ""}`),
    events: () => writes.filter((w) => w.resource === "events" && w.method === "POST").map((w) => `${w.body.type} ${w.body.reason} ${w.body.message}`),
    put(plural: string, obj: StoredObject) {
      objects.set(`${plural}/${obj.metadata.namespace}/${obj.metadata.name}`, obj);
    },
    get: (plural: string, name: string, ns = "default") => objects.get(`${plural}/${ns}/${name}`),
    failWrites(f: (w: Write) => Response | undefined) {
      failWrite = f;
    },
    status,
  };
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === "object" && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** A context for reconcile unit tests: fake API, fake clock, indexes the test fills. */
export function fakeContext(start = Date.parse("2025-01-01T00:10:00Z")) {
  const api = fakeApi();
  const clock = new FakeClock(start);
  const log = createLogger("error");
  return {
    api,
    clock,
    log,
    client: api.client,
    recorder: new EventRecorder({ client: api.client, component: "test", clock }),
    expectations: new Expectations(clock),
    fieldManager: "test",
    replicaSetIndex: new ControllerIndex<ReplicaSetObject>(),
    podIndex: new ControllerIndex<PodObject>(),
  };
}

let uidSeq = 0;
/** A frozen cached object with server-set metadata. */
export function cached<T extends StoredObject>(obj: KubeObject & { metadata: { name: string } }): T {
  const meta = { namespace: "default", uid: `uid-${obj.metadata.name}-${uidSeq++}`, resourceVersion: "1", creationTimestamp: "2025-01-01T00:00:00Z", generation: 1, ...obj.metadata };
  return deepFreeze({ ...obj, metadata: meta } as unknown as T);
}

/** Mark a pod Running and Ready through pods/status, as a kubelet would (no agent needed). */
export async function makeReady(client: Client, pod: StoredObject, readySince = new Date().toISOString().replace(/\.\d{3}Z$/, "Z")) {
  const status = { phase: "Running", conditions: [{ type: "Ready", status: "True", lastTransitionTime: readySince }] };
  await client.patch(PODS, pod.metadata.name, { status }, { type: "merge", namespace: pod.metadata.namespace, subresource: "status" });
}
