// What representation the client asked for: a meta.k8s.io Table, or the plain object/list.

export type Representation = "object" | "table";

/** kubectl's get asks `application/json;as=Table;v=v1;g=meta.k8s.io, ..., application/json`. */
export function negotiate(accept: string | null): Representation {
  if (!accept) return "object";
  for (const part of accept.split(",")) {
    const [base, ...params] = part.split(";").map((s) => s.trim());
    if (base !== "application/json" && base !== "*/*" && base !== "application/*") continue;
    const p = Object.fromEntries(params.map((kv) => kv.split("=").map((s) => s.trim())));
    if (p.as === "Table" && p.g === "meta.k8s.io" && (p.v === "v1" || p.v === "v1beta1")) return "table";
    if (!p.as) return "object";
  }
  return "object";
}

export const TABLE_CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";
