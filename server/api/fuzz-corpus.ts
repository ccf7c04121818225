// Test helper: valid requests for the API fuzz test. A Seed is a request before encoding; the
// fuzzer mutates its parts (value, path, query, headers), then encodes the body.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Rand = () => number;

/** mulberry32: small, fast and deterministic. */
export function prng(seed: number): Rand {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export type Encoding = "json" | "yaml" | "protobuf";

export interface Seed {
  method: string;
  /** Path without query. */
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  /** A JSON value, encoded as `encoding` under `contentType`. */
  body?: unknown;
  encoding: Encoding;
  contentType?: string;
  /** Bytes sent as they are (a captured kubectl body) while `body` is unset. */
  raw?: Uint8Array;
}

/** What earlier answers showed, so that seeds can reuse it (real continue tokens). */
export interface Seen {
  continues: string[];
}

interface Kind {
  base: string;
  plural: string;
  namespaced: boolean;
  names: readonly string[];
  make(name: string, rand: Rand): Record<string, unknown>;
  scale?: boolean;
  status?: Record<string, unknown>;
}

export const NAMESPACE = "default";
const NAMES = ["a", "b", "c"] as const;

const meta = (name: string, rand: Rand) => ({
  name,
  labels: { app: "fz", tier: pick(rand, ["web", "db"]), ...(rand() < 0.3 ? { [`k${Math.floor(rand() * 9)}`]: "v" } : {}) },
  ...(rand() < 0.3 ? { annotations: { "example.com/note": "hello" } } : {}),
  ...(rand() < 0.1 ? { finalizers: ["example.com/hold"] } : {}),
});

const container = (rand: Rand) => ({
  name: "c",
  image: pick(rand, ["nginx", "busybox:1.36", "registry.example.com/app@sha256:" + "a".repeat(64)]),
  ports: [{ containerPort: 80, protocol: "TCP" }],
  env: [{ name: "A", value: "1" }, { name: "B", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }],
  resources: { limits: { cpu: "100m", memory: "64Mi" }, requests: { cpu: "50m" } },
  ...(rand() < 0.5 ? { command: ["sleep", "3600"] } : {}),
});

export const KINDS: Record<string, Kind> = {
  ConfigMap: {
    base: "/api/v1",
    plural: "configmaps",
    namespaced: true,
    names: NAMES,
    make: (name, rand) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: meta(name, rand), data: { k1: "v1", "k.2": String(rand()) }, ...(rand() < 0.2 ? { binaryData: { bin: "AAEC" } } : {}) }),
  },
  Secret: {
    base: "/api/v1",
    plural: "secrets",
    namespaced: true,
    names: NAMES,
    make: (name, rand) => ({ apiVersion: "v1", kind: "Secret", metadata: meta(name, rand), type: "Opaque", data: { user: "YWRtaW4=" }, ...(rand() < 0.5 ? { stringData: { pw: "s3cr3t" } } : {}) }),
  },
  Deployment: {
    base: "/apis/apps/v1",
    plural: "deployments",
    namespaced: true,
    names: NAMES,
    scale: true,
    status: { replicas: 2, readyReplicas: 1, observedGeneration: 1, conditions: [{ type: "Available", status: "True", reason: "MinimumReplicasAvailable" }] },
    make: (name, rand) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta(name, rand),
      spec: {
        replicas: Math.floor(rand() * 4),
        selector: { matchLabels: { app: name } },
        strategy: rand() < 0.5 ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 1 } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [container(rand)], restartPolicy: "Always" } },
      },
    }),
  },
  Service: {
    base: "/api/v1",
    plural: "services",
    namespaced: true,
    names: NAMES,
    status: { loadBalancer: { ingress: [{ ip: "10.0.0.9" }] } },
    make: (name, rand) => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: meta(name, rand),
      spec: { type: pick(rand, ["ClusterIP", "NodePort"]), selector: { app: name }, ports: [{ name: "http", port: 80, targetPort: pick(rand, [8080, "http"]), protocol: "TCP" }] },
    }),
  },
  Pod: {
    base: "/api/v1",
    plural: "pods",
    namespaced: true,
    names: NAMES,
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }], podIP: "10.42.0.5" },
    make: (name, rand) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: meta(name, rand),
      spec: { containers: [container(rand)], terminationGracePeriodSeconds: 5, ...(rand() < 0.5 ? { nodeName: "node1" } : {}) },
    }),
  },
  Widget: {
    base: "/apis/example.com/v1",
    plural: "widgets",
    namespaced: true,
    names: NAMES,
    scale: true,
    status: { replicas: 1, selector: "app=w" },
    make: (name, rand) => ({ apiVersion: "example.com/v1", kind: "Widget", metadata: meta(name, rand), spec: { size: Math.floor(rand() * 9), color: pick(rand, ["red", "blue"]), tags: ["a"], replicas: 1 } }),
  },
  Namespace: {
    base: "/api/v1",
    plural: "namespaces",
    namespaced: false,
    names: ["fz-a", "fz-b"],
    status: { phase: "Active" },
    make: (name, rand) => ({ apiVersion: "v1", kind: "Namespace", metadata: meta(name, rand) }),
  },
};

/** The CustomResourceDefinition behind Widget: a structural schema with status and scale. */
export const WIDGET_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget" },
    versions: [{
      name: "v1",
      served: true,
      storage: true,
      subresources: { status: {}, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector" } },
      schema: {
        openAPIV3Schema: {
          type: "object",
          properties: {
            spec: { type: "object", properties: { size: { type: "integer" }, color: { type: "string" }, tags: { type: "array", items: { type: "string" } }, replicas: { type: "integer" } } },
            status: { type: "object", properties: { replicas: { type: "integer" }, selector: { type: "string" } } },
          },
        },
      },
    }],
  },
};

export const collection = (k: Kind) => `${k.base}/${k.namespaced ? `namespaces/${NAMESPACE}/` : ""}${k.plural}`;

const write = (method: string, path: string, body: unknown, rand: Rand, query: [string, string][] = []): Seed => {
  if (rand() < 0.1) query = [...query, ["dryRun", "All"]];
  const encoding = pick(rand, ["json", "json", "yaml", "protobuf"] as const);
  const contentType = { json: "application/json", yaml: "application/yaml", protobuf: "application/vnd.kubernetes.protobuf" }[encoding];
  return { method, path, query, headers: {}, body, encoding, contentType };
};

const patchSeed = (path: string, contentType: string, body: unknown, query: [string, string][] = []): Seed => ({
  method: "PATCH",
  path,
  query,
  headers: {},
  body,
  encoding: contentType.includes("apply-patch") ? "yaml" : "json",
  contentType,
});

function patches(kind: Kind, name: string, rand: Rand): Seed[] {
  const item = `${collection(kind)}/${name}`;
  const containers = kind.plural === "deployments" ? { spec: { template: { spec: { containers: [{ name: "c", image: "nginx:2" }] } } } } : {};
  return [
    patchSeed(item, "application/merge-patch+json", { metadata: { labels: { patched: String(rand()) }, annotations: null }, ...containers }),
    patchSeed(item, "application/json-patch+json", [
      { op: "add", path: "/metadata/labels/j", value: "1" },
      { op: "test", path: "/metadata/name", value: name },
      { op: pick(rand, ["remove", "replace", "copy", "move"]), path: "/metadata/labels/tier", from: "/metadata/labels/app", value: "x" },
    ]),
    patchSeed(item, "application/strategic-merge-patch+json", {
      metadata: { labels: { $patch: pick(rand, ["replace", "merge", "delete"]), s: "1" }, "$deleteFromPrimitiveList/finalizers": ["example.com/hold"] },
      ...(kind.plural === "deployments"
        ? { spec: { template: { spec: { "$setElementOrder/containers": [{ name: "c" }], containers: [{ name: "c", image: "nginx:3", $patch: pick(rand, ["merge", "delete", "replace"]) }] } }, strategy: { $retainKeys: ["type"], type: "Recreate" } } }
        : {}),
    }),
    patchSeed(item, "application/apply-patch+yaml", kind.make(name, rand), [["fieldManager", "fz"], ...(rand() < 0.5 ? [["force", "true"] as [string, string]] : [])]),
  ];
}

function deleteOptions(rand: Rand): unknown {
  return {
    kind: "DeleteOptions",
    apiVersion: "v1",
    ...(rand() < 0.5 ? { gracePeriodSeconds: pick(rand, [0, 1, 30]) } : {}),
    ...(rand() < 0.5 ? { propagationPolicy: pick(rand, ["Foreground", "Background", "Orphan"]) } : {}),
    ...(rand() < 0.3 ? { preconditions: { resourceVersion: String(Math.floor(rand() * 40)) } } : {}),
    ...(rand() < 0.2 ? { dryRun: ["All"] } : {}),
  };
}

/** Protobuf bodies kubectl 1.33 sent (shared/protobuf/testdata), with the collection each went to. */
const CAPTURES: [string, string][] = [
  ["configmap", "/api/v1/namespaces/default/configmaps"],
  ["secret-generic", "/api/v1/namespaces/default/secrets"],
  ["deployment", "/apis/apps/v1/namespaces/default/deployments"],
  ["service-clusterip", "/api/v1/namespaces/default/services"],
  ["namespace", "/api/v1/namespaces"],
  ["debug-copy", "/api/v1/namespaces/default/pods"],
  ["serviceaccount", "/api/v1/namespaces/default/serviceaccounts"],
  ["job", "/apis/batch/v1/namespaces/default/jobs"],
];
const captured = CAPTURES.map(([file, path]) => ({ path, raw: new Uint8Array(readFileSync(join(import.meta.dir, "../../shared/protobuf/testdata", `${file}.bin`))) }));

function listQuery(rand: Rand, seen: Seen): [string, string][] {
  const q: [string, string][] = [];
  if (rand() < 0.4) q.push(["limit", String(1 + Math.floor(rand() * 2))]);
  if (rand() < 0.3 && seen.continues.length) q.push(["continue", pick(rand, seen.continues)]);
  if (rand() < 0.3) q.push(["labelSelector", pick(rand, ["app=fz", "tier in (web,db)", "!k1", "tier!=web"])]);
  return q;
}

/** One valid request of a random kind and verb. */
export function seedRequest(rand: Rand, seen: Seen): Seed {
  const kind = pick(rand, Object.values(KINDS));
  const name = pick(rand, kind.names);
  const coll = collection(kind);
  const item = `${coll}/${name}`;
  const obj = kind.make(name, rand);
  const verbs: (() => Seed | Seed[])[] = [
    () => write("POST", coll, obj, rand, rand() < 0.3 ? [["fieldValidation", pick(rand, ["Strict", "Warn", "Ignore"])]] : []),
    () => write("POST", coll, obj, rand),
    () => write("PUT", item, obj, rand),
    () => patches(kind, name, rand),
    () => write("DELETE", item, rand() < 0.7 ? deleteOptions(rand) : undefined, rand),
    () => ({ method: "DELETE", path: coll, query: [["labelSelector", "tier=db"]], headers: {}, encoding: "json" }),
    () => ({ method: "GET", path: item, query: [], headers: {}, encoding: "json" }),
    () => ({ method: "GET", path: coll, query: listQuery(rand, seen), headers: {}, encoding: "json" }),
    () => {
      const c = pick(rand, captured);
      return { method: "POST", path: c.path, query: [], headers: {}, encoding: "protobuf", contentType: "application/vnd.kubernetes.protobuf", raw: c.raw };
    },
    () => ({ method: "GET", path: coll, query: [["watch", "true"], ["timeoutSeconds", "0"]], headers: {}, encoding: "json" }),
  ];
  if (kind.status) {
    verbs.push(() => write("PUT", `${item}/status`, { ...obj, status: kind.status }, rand));
    verbs.push(() => patchSeed(`${item}/status`, "application/merge-patch+json", { status: kind.status }));
  }
  if (kind.scale) {
    verbs.push(() => ({ method: "GET", path: `${item}/scale`, query: [], headers: {}, encoding: "json" }));
    verbs.push(() => write("PUT", `${item}/scale`, { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name }, spec: { replicas: 3 } }, rand));
    verbs.push(() => patchSeed(`${item}/scale`, "application/merge-patch+json", { spec: { replicas: Math.floor(rand() * 5) } }));
  }
  if (kind.plural === "pods") {
    verbs.push(() => write("POST", `${item}/binding`, { apiVersion: "v1", kind: "Binding", metadata: { name }, target: { kind: "Node", name: "node1" } }, rand));
    verbs.push(() => write("POST", `${item}/eviction`, { apiVersion: "policy/v1", kind: "Eviction", metadata: { name }, deleteOptions: deleteOptions(rand) }, rand));
  }
  const out = pick(rand, verbs)();
  return Array.isArray(out) ? pick(rand, out) : out;
}
