// Test helpers for the node lifecycle reconcilers: object builders, a frozen cache, and a fetch
// that records every write and answers it plausibly (PUT/PATCH echo with a new resourceVersion,
// DELETE succeeds, GET answers what the test serves, else 404).
import type { Taint, Toleration } from "kubernetes-types/core/v1";
import { Client } from "../../../shared/client/index.ts";
import { deepFreeze, keyOf } from "../../../shared/controller/index.ts";
import { rfc3339, type LeaseObject, type NodeObject, type PodObject } from "./resources.ts";

export const T0 = Date.parse("2025-01-01T00:00:00Z");

export function cache<T extends { metadata: { name: string; namespace?: string } }>(objs: T[]) {
  const m = new Map<string, T>(objs.map((o) => [keyOf(o), deepFreeze(structuredClone(o))]));
  return { get: (key: string) => m.get(key), list: () => [...m.values()], set: (o: T) => void m.set(keyOf(o), deepFreeze(structuredClone(o))) };
}

export function node(name: string, opts: { ready?: "True" | "False" | "Unknown" | null; heartbeat?: number; taints?: Taint[]; rv?: string } = {}): NodeObject {
  const ready = opts.ready === undefined ? "True" : opts.ready;
  const hb = rfc3339(opts.heartbeat ?? T0);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, uid: `uid-${name}`, resourceVersion: opts.rv ?? "10", creationTimestamp: rfc3339(T0 - 3600_000) },
    spec: opts.taints ? { taints: opts.taints } : {},
    status: {
      conditions: [
        { type: "MemoryPressure", status: "False", reason: "KubeletHasSufficientMemory", lastHeartbeatTime: hb, lastTransitionTime: hb },
        ...(ready ? [{ type: "Ready", status: ready, reason: ready === "True" ? "KubeletReady" : "KubeletNotReady", lastHeartbeatTime: hb, lastTransitionTime: hb }] : []),
      ],
    },
  };
}

export function lease(name: string, renewMs: number): LeaseObject {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name, namespace: "kube-node-lease", uid: `lease-${name}`, resourceVersion: "5" },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: new Date(renewMs).toISOString().replace("Z", "000Z") },
  };
}

export function pod(name: string, nodeName: string, opts: { tolerations?: Toleration[]; ready?: boolean; deleting?: number; phase?: string } = {}): PodObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: `uid-${name}`, resourceVersion: "20", ...(opts.deleting !== undefined ? { deletionTimestamp: rfc3339(opts.deleting), deletionGracePeriodSeconds: 30 } : {}) },
    spec: { nodeName, containers: [{ name: "c", image: "busybox" }], ...(opts.tolerations ? { tolerations: opts.tolerations } : {}) },
    status: { phase: opts.phase ?? "Running", conditions: [{ type: "Ready", status: opts.ready === false ? "False" : "True" }] },
  };
}

export const tolerateUnreachable = (seconds?: number): Toleration => ({ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}) });

export interface Write {
  method: string;
  path: string;
  body: any;
}

export function fakeApi() {
  const writes: Write[] = [];
  const served = new Map<string, unknown>();
  const latest = new Map<string, Record<string, any>>();
  let rv = 100;
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    const body = req.method === "GET" ? undefined : await req.text().then((t) => (t ? JSON.parse(t) : undefined));
    if (req.method !== "GET") writes.push({ method: req.method, path: url.pathname, body });
    if (req.method === "GET") {
      const obj = served.get(url.pathname);
      return obj ? json(obj) : json({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "NotFound", code: 404, message: "not found" }, 404);
    }
    if (req.method === "DELETE") return json({ kind: "Status", apiVersion: "v1", status: "Success", code: 200 });
    const path = url.pathname.replace(/\/status$/, "");
    const base = (req.method === "PATCH" ? latest.get(path) : undefined) ?? {};
    // A patch is answered with the object last written there, its top-level fields merged one deep.
    const merged: Record<string, any> = { ...base };
    for (const [k, v] of Object.entries(body ?? {})) merged[k] = v && typeof v === "object" && !Array.isArray(v) ? { ...base[k], ...v } : v;
    const out = { ...merged, metadata: { name: path.split("/").at(-1), ...merged.metadata, resourceVersion: String(++rv) } };
    latest.set(path, out);
    return json(out, req.method === "POST" ? 201 : 200);
  };
  return {
    client: new Client({ baseUrl: "http://fake.test", fetch }),
    writes,
    serve: (path: string, obj: unknown) => void served.set(path, obj),
    /** Writes other than events, as "METHOD path". */
    calls: () => writes.filter((w) => !w.path.includes("/events")).map((w) => `${w.method} ${w.path}`),
    events: () => writes.filter((w) => w.method === "POST" && w.path.includes("/events")).map((w) => `${w.body.reason}: ${w.body.message}`),
  };
}
