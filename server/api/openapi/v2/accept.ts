// Content negotiation for /openapi/v2: kubectl asks for protobuf only; JSON for everyone else.

/** What kubectl sends in Accept. */
const V2_PROTOBUF_ASKED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
/** What the response's Content-Type says, as upstream: '@' is not a MIME token character and Go's
 * mime.ParseMediaType (in client-go) refuses the response with it. Also accepted in Accept. */
export const V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

/** "protobuf", "json" or undefined (nothing acceptable), by the Accept header's preference order. */
export function v2Format(accept: string | undefined): "protobuf" | "json" | undefined {
  if (!accept?.trim()) return "json";
  const ranges = accept
    .split(",")
    .map((part, i) => {
      const [type = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith("q="));
      return { type, q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((r) => r.type && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { type } of ranges) {
    if (type === V2_PROTOBUF_ASKED || type === V2_PROTOBUF) return "protobuf";
    if (type === "application/json" || type === "application/*" || type === "*/*") return "json";
  }
  return undefined;
}
