// Test helper: mutations for the API fuzz test. Seeds are mutated as values (type swaps, deleted
// and duplicated keys, huge strings and numbers, deep nesting), as requests (method, path, query,
// headers, content type), and finally as bytes (flips, truncation, insertion).
import { stringify as toYaml } from "yaml";
import { pick, type Encoding, type Rand, type Seed } from "./fuzz-corpus.ts";
import { protobufBody } from "./fuzz-protobuf.ts";
import type { RawRequest } from "./fuzz-send.ts";

/** A key prefix that is removed from the encoded text, leaving a duplicated key. */
const DUP = "__fz_dup__";
const DEEP = "__fz_deep__";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Container = Json[] | { [k: string]: Json };

const STRINGS = ["", "\u0000", "💥", "../..", "%ZZ", "a/b", "true", "1", "-1", "null", "Not_A_Name", "x".repeat(300), "2026-13-45T99:99:99Z", "{}", "$patch"];
const NUMBERS = [0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, 5e-324];

function randomValue(rand: Rand, depth = 0): Json {
  switch (Math.floor(rand() * 7)) {
    case 0: return pick(rand, STRINGS);
    case 1: return pick(rand, NUMBERS);
    case 2: return rand() < 0.5;
    case 3: return null;
    case 4: return depth > 2 ? [] : [randomValue(rand, depth + 1)];
    case 5: return depth > 2 ? {} : { [pick(rand, ["name", "metadata", "spec", "x", "$patch", "kind"])]: randomValue(rand, depth + 1) };
    default: return "s" + Math.floor(rand() * 1e6);
  }
}

/** Every container in the tree, with the key of each child, so one can be picked uniformly. */
function slots(root: Json, out: [Container, string | number][] = [], depth = 0): [Container, string | number][] {
  if (depth > 12 || root === null || typeof root !== "object") return out;
  const entries: [string | number, Json][] = Array.isArray(root) ? root.map((v, i) => [i, v]) : Object.entries(root);
  for (const [k, v] of entries) {
    out.push([root, k]);
    slots(v, out, depth + 1);
  }
  return out;
}

const set = (c: Container, k: string | number, v: Json) => ((c as Record<string, Json>)[k as string] = v);

/** Targeted values at paths the server treats specially. */
const TARGETS: [string[], Json[]][] = [
  [["metadata", "name"], ["", "Bad_Name", "x".repeat(254), "a/b", "..", 5, null]],
  [["metadata", "namespace"], ["kube-system", "nope", 7, ""]],
  [["metadata", "resourceVersion"], ["abc", "1", "999999999", "-1", 3]],
  [["metadata", "generateName"], ["gen-", "Bad_", 1]],
  [["metadata", "labels"], [{ "bad key!": "v" }, { a: 1 }, "x", [], { a: "x".repeat(64) }]],
  [["metadata", "finalizers"], [["a"], "x", [1], [null]]],
  [["metadata", "ownerReferences"], [[{}], [{ apiVersion: "v1", kind: "X", name: "o", uid: "u", controller: true }], "x"]],
  [["metadata", "deletionTimestamp"], ["garbage", "2020-01-01T00:00:00Z"]],
  [["metadata", "managedFields"], [[{ manager: 5 }], "x", [{ fieldsV1: "x", fieldsType: "Bogus" }]]],
  [["metadata"], ["x", 5, null, []]],
  [["kind"], ["Secret", "Deployment", "", 5]],
  [["apiVersion"], ["v2", "apps/v1", "", 5]],
  [["spec"], ["x", [], null, 5]],
  [["spec", "replicas"], [-1, 1.5, "3", 2 ** 40, null]],
  [["spec", "selector"], [{}, "a=b", { matchLabels: "x" }, { matchExpressions: [{ key: "a", operator: "Bogus" }] }]],
  [["spec", "template", "spec", "containers"], [[], "x", [{}], [{ name: "c" }], [null]]],
  [["spec", "ports"], [[{ port: 0 }], [{ port: 99999 }], [{ port: "80" }], "x"]],
  [["gracePeriodSeconds"], [-5, 1e20, "x", 1.5, null]],
  [["propagationPolicy"], ["Sideways", 5, null]],
  [["preconditions"], ["x", { uid: 5 }, { resourceVersion: ["1"] }]],
  [["dryRun"], ["All", ["Bogus"], "x", [1]]],
  [["data"], [{ "bad key": "v" }, { k: 5 }, "x", { k: null }]],
  [["status"], ["x", { phase: 5 }, { replicas: "x" }]],
];

function mutateValue(body: unknown, rand: Rand): unknown {
  const root = structuredClone(body) as Json;
  if (rand() < 0.35 && root && typeof root === "object" && !Array.isArray(root)) {
    const [path, values] = pick(rand, TARGETS);
    let cur: Json = root;
    for (const k of path.slice(0, -1)) {
      if (!cur || typeof cur !== "object" || Array.isArray(cur)) return root;
      cur = (cur[k] ??= {});
    }
    if (cur && typeof cur === "object" && !Array.isArray(cur)) cur[path[path.length - 1]!] = structuredClone(pick(rand, values));
    return root;
  }
  const all = slots(root);
  if (!all.length) return randomValue(rand);
  const [parent, key] = pick(rand, all);
  const op = rand();
  if (op < 0.35) set(parent, key, randomValue(rand)); // type swap
  else if (op < 0.5) Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key as string];
  else if (op < 0.6 && !Array.isArray(parent)) parent[DUP + String(key)] = randomValue(rand); // the same key twice once encoded
  else if (op < 0.7) set(parent, key, "x".repeat(pick(rand, [1_000, 100_000, 1_000_000])));
  else if (op < 0.8) set(parent, key, pick(rand, NUMBERS));
  else if (op < 0.86) set(parent, key, DEEP);
  else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number] ?? null));
  else parent[`${key}x`] = structuredClone(parent[key as string] ?? null);
  return root;
}

const CONTENT_TYPES = [
  "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/yaml", "text/yaml", "application/x-yaml",
  "application/vnd.kubernetes.protobuf", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
  "application/apply-patch+yaml", "application/apply-patch+cbor", "application/cbor", "text/plain", "", ";;;", "multipart/form-data; boundary=x",
];
const ACCEPTS = [
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", "application/vnd.kubernetes.protobuf,application/json", "*/*", "garbage;;=;",
  "application/json;as=Table;v=v9;g=meta.k8s.io", "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io", "application/json;as=Table;v=v1;g=meta.k8s.io",
];
const SEGMENTS = ["a", "zz", "%ZZ", "a%2Fb", "..", ".", "%00", "x".repeat(300), "%C3%BC", "a%20b", "%E0%A4%A", "status", "scale", "binding", "eviction", "log", "finalize", "bogus", "kube-system", "nope"];
const PREFIXES = ["/api/v1", "/api/v2", "/apis/apps/v1", "/apis/apps/v2", "/apis/bogus/v1", "/apis/batch/v1", "/apis/policy/v1", "/apis/apps"];
const PLURALS = ["configmaps", "secrets", "pods", "services", "deployments", "namespaces", "nodes", "events", "leases", "bogus", "replicasets", "jobs"];
const QUERY: [string, string[]][] = [
  ["labelSelector", ["app=fz", "tier in (web,db)", "!k1", "a in (", "==", "x".repeat(70) + "=v", "a=b=c", "app!=fz,tier notin (web)", "a,,b"]],
  ["fieldSelector", ["metadata.name=a", "metadata.namespace!=default", "spec.nodeName=node1", "status.phase=Running", "spec.bogus=x", "metadata.name==a", "a", "=", "type=Opaque"]],
  ["limit", ["0", "1", "2", "-1", "abc", "1.5", "1e3", "99999999999999999999"]],
  ["continue", ["abc", "", "e30", Buffer.from('{"rv":-1,"start":"/registry/core/configmaps/default/a"}').toString("base64url"), Buffer.from('{"rv":1e20,"start":"/registry/core/configmaps/default/"}').toString("base64url"), Buffer.from('{"rv":1.5,"start":"/registry/core/pods/default/a"}').toString("base64url"), Buffer.from('{"rv":0,"start":"/registry/apps/deployments/default/a"}').toString("base64url")]],
  ["resourceVersion", ["", "0", "1", "abc", "-1", "99999999999999", "1.5", "3"]],
  ["resourceVersionMatch", ["NotOlderThan", "Exact", "bogus"]],
  ["watch", ["true", "1", "false", "bogus"]],
  ["timeoutSeconds", ["0", "1", "-1", "abc", "99999999999"]],
  ["allowWatchBookmarks", ["true", "x"]],
  ["includeObject", ["Object", "None", "Metadata", "Bogus"]],
  ["fieldValidation", ["Strict", "Warn", "Ignore", "Bogus", ""]],
  ["dryRun", ["All", "Bogus", ""]],
  ["fieldManager", ["fz", "", "x".repeat(200)]],
  ["force", ["true", "false", "x"]],
  ["gracePeriodSeconds", ["0", "-1", "30", "abc", "99999999999999999999", "1.5"]],
  ["propagationPolicy", ["Foreground", "Background", "Orphan", "Sideways"]],
  ["orphanDependents", ["true", "false", "x"]],
  ["pretty", ["true"]],
];

function mutatePath(path: string, rand: Rand): string {
  const parts = path.split("/");
  const op = rand();
  if (op < 0.3) parts[1 + Math.floor(rand() * (parts.length - 1))] = pick(rand, SEGMENTS); // parts[0] is the "" before the first "/"
  else if (op < 0.45) parts.push(pick(rand, SEGMENTS));
  else if (op < 0.55) parts.splice(1 + Math.floor(rand() * (parts.length - 1)), 1);
  else if (op < 0.75) return path.replace(/\/(configmaps|secrets|pods|services|deployments|namespaces)(?=\/|$)/, `/${pick(rand, PLURALS)}`);
  else if (op < 0.9) return path.replace(/^\/apis?\/[^/]+(\/v[0-9]+)?/, pick(rand, PREFIXES));
  else return path.replace("/", pick(rand, ["//", "/./", "/"])) + pick(rand, ["", "/", "//"]);
  return parts.join("/");
}

/** Applies one to three request-level or value-level mutations. */
export function mutateSeed(seed: Seed, rand: Rand): Seed {
  const s: Seed = { ...seed, query: [...seed.query], headers: { ...seed.headers } };
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const op = rand();
    if (op < 0.4 && s.body !== undefined) s.body = mutateValue(s.body, rand);
    else if (op < 0.55) {
      const [k, vs] = pick(rand, QUERY);
      s.query.push([k, pick(rand, vs)]);
    } else if (op < 0.65) s.path = mutatePath(s.path, rand);
    else if (op < 0.73) s.contentType = pick(rand, CONTENT_TYPES);
    else if (op < 0.78) s.encoding = pick(rand, ["json", "yaml", "protobuf"] as Encoding[]);
    else if (op < 0.83) s.method = pick(rand, ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
    else if (op < 0.9) s.headers.accept = pick(rand, ACCEPTS);
    else if (op < 0.93) s.headers["content-length"] = pick(rand, ["0", "5", "99999999", "-1", "abc"]);
    else if (s.body === undefined) s.body = randomValue(rand);
    else s.body = pick(rand, [null, [], "x", 5, { $patch: "delete" }, [{ op: "remove", path: "" }], [{ op: "move", from: "/metadata", path: "/metadata/x" }]]);
  }
  return s;
}

function encode(s: Seed): string | Uint8Array | undefined {
  if (s.body === undefined) return s.raw;
  if (s.encoding === "protobuf" && s.body && typeof s.body === "object" && !Array.isArray(s.body)) {
    const pb = protobufBody(s.body as Record<string, unknown>);
    if (pb) return pb;
  }
  let text: string;
  try {
    text = s.encoding === "yaml" ? toYaml(s.body, { aliasDuplicateObjects: false }) : JSON.stringify(s.body);
  } catch {
    text = JSON.stringify(s.body); // YAML cannot write every value; JSON can
  }
  if (text.includes(DUP)) text = text.split(DUP).join("");
  if (text.includes(DEEP)) text = text.replace(s.encoding === "yaml" ? DEEP : `"${DEEP}"`, "[".repeat(20_000) + "]".repeat(20_000));
  return text;
}

function mutateBytes(body: string | Uint8Array, rand: Rand): Uint8Array {
  let bytes = typeof body === "string" ? new TextEncoder().encode(body) : Uint8Array.from(body);
  const edits = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * Math.max(bytes.length, 1));
    const op = rand();
    if (op < 0.35 && bytes.length) bytes[at] = bytes[at]! ^ (1 << Math.floor(rand() * 8));
    else if (op < 0.55) bytes = bytes.subarray(0, at);
    else if (op < 0.75) bytes = Uint8Array.from([...bytes.subarray(0, at), ...new TextEncoder().encode(pick(rand, ['"', "{", "}", "[", "]", ",", ":", "\\", "\u0000", "\n-", "&a", "*a", "!!binary"])), ...bytes.subarray(at)]);
    else if (bytes.length) bytes[at] = Math.floor(rand() * 256);
  }
  return bytes;
}

/** Encodes a (possibly mutated) seed into a request, sometimes mutating the bytes too. */
export function render(s: Seed, rand: Rand, byteMutations: boolean): RawRequest {
  let body = encode(s);
  if (byteMutations && body !== undefined && rand() < 0.3) body = mutateBytes(body, rand);
  const headers = { ...s.headers };
  if (s.contentType !== undefined && body !== undefined) headers["content-type"] = s.contentType;
  const query = s.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return { method: s.method, path: query ? `${s.path}?${query}` : s.path, headers, body };
}
