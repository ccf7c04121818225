// Test helper: encode a JSON object as the Kubernetes protobuf body kubectl 1.32+ would send, using
// shared/protobuf's field tables for the numbers. The wire type follows the JSON value, not the
// table, so a type-swapped value becomes a wire-type mismatch the server must reject with a 400.
import { encode, envelope, type WireFields, type WireValue } from "../../shared/protobuf/wire-builder.ts";
import type { CompiledField, CompiledMessage } from "../../shared/protobuf/schema.ts";
import { registry } from "../../shared/protobuf/tables/index.ts";

const TOP: Record<string, string> = {
  "v1/ConfigMap": "core.ConfigMap",
  "v1/Secret": "core.Secret",
  "v1/Service": "core.Service",
  "v1/Pod": "core.Pod",
  "v1/Namespace": "core.Namespace",
  "apps/v1/Deployment": "apps.Deployment",
  "v1/DeleteOptions": "meta.DeleteOptions",
  "policy/v1/Eviction": "policy.Eviction",
  "autoscaling/v1/Scale": "autoscalingV1.Scale",
};

/** A full body (magic + envelope), or undefined when kubun has no table for the kind. */
export function protobufBody(obj: Record<string, unknown>): Uint8Array | undefined {
  const apiVersion = typeof obj.apiVersion === "string" ? obj.apiVersion : "v1";
  const kind = typeof obj.kind === "string" ? obj.kind : "";
  const name = TOP[`${apiVersion}/${kind}`];
  const msg = name ? registry.messages.get(name) : undefined;
  if (!msg) return undefined;
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return envelope(apiVersion, kind, encode(fields(rest, msg)));
}

function byJsonName(msg: CompiledMessage): Map<string, CompiledField> {
  const out = new Map<string, CompiledField>();
  for (const f of msg.fields.values()) {
    if (f.inline && f.type.kind === "message") for (const [k, v] of byJsonName(f.type.message)) out.set(k, v);
    else out.set(f.json, f);
  }
  return out;
}

/** Unknown keys get a stable high field number, which the decoder must skip or reject cleanly. */
function unknownNumber(key: string): number {
  let h = 0;
  for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 1000 + (h % 5000);
}

function fields(obj: Record<string, unknown>, msg: CompiledMessage | undefined): WireFields {
  const known = msg ? byJsonName(msg) : new Map<string, CompiledField>();
  const out: [number, WireValue][] = [];
  for (const [key, v] of Object.entries(obj)) {
    const f = known.get(key);
    const no = f?.no ?? unknownNumber(key);
    if (f?.map && isObject(v)) {
      for (const [mk, mv] of Object.entries(v)) out.push([no, [[1, mk], [2, value(mv, f)] as const]]);
    } else if (Array.isArray(v)) {
      for (const item of v) out.push([no, value(item, f)]);
    } else if (v !== null && v !== undefined) {
      out.push([no, value(v, f)]);
    }
  }
  return out;
}

function value(v: unknown, f: CompiledField | undefined): WireValue {
  const t = f?.type;
  if (t?.kind === "scalar" && t.scalar === "bytes" && typeof v === "string") return Buffer.from(v, "base64");
  if (t?.kind === "special") return special(t.special, v);
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isSafeInteger(v) ? v : Math.trunc(Number.isFinite(v) ? Math.max(-(2 ** 62), Math.min(2 ** 62, v)) : 0);
  if (Array.isArray(v)) return v.map((item, i) => [i + 1, value(item, undefined)] as const);
  if (isObject(v)) return fields(v, t?.kind === "message" ? t.message : undefined);
  return "";
}

function special(kind: string, v: unknown): WireValue {
  switch (kind) {
    case "IntOrString":
      return typeof v === "number" ? [[1, 0], [2, Math.trunc(v)]] : [[1, 1], [3, String(v)]];
    case "Quantity":
      return [[1, String(v)]];
    case "Time":
    case "MicroTime": {
      const ms = Date.parse(String(v));
      return Number.isFinite(ms) ? [[1, Math.floor(ms / 1000)]] : [];
    }
    case "FieldsV1":
      return [[1, JSON.stringify(v)]];
    default:
      return typeof v === "string" ? v : JSON.stringify(v);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
