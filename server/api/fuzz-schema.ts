// Test helper: where an object's JSON types differ from its OpenAPI schema. Typed clients (kubectl,
// client-go informers) cannot decode such an object, and a list holding it fails for everyone, so
// whatever the server answers with — and so stores — must match. The check is the one every write
// passes (openapi/types.ts), here only reporting.
import { typeProblems } from "./openapi/types.ts";
import type { ResourceType } from "./registry/types.ts";

/** Where `obj` breaks its kind's schema (`spec.replicas: json: cannot unmarshal string into … of type int32`). */
export function schemaMismatches(rt: ResourceType, obj: unknown): string[] {
  return typeProblems(rt, obj);
}
