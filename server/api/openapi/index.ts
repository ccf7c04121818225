// OpenAPI v3 for kubectl: the /openapi/v3 index, one document per group version, and the
// unknown-field check behind fieldValidation=Strict|Warn.
import type { ResourceType } from "../registry/types.ts";
import { buildDocument, buildIndex, type DocumentOptions } from "./document.ts";

export type { DocumentOptions } from "./document.ts";
export { knownFields, unknownFieldPaths, unknownFields } from "./fields.ts";
export { schemaNameOf } from "./names.ts";

/** `{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"},…}}` */
export function openApiV3Index(resources: ResourceType[], opts?: DocumentOptions): object {
  return buildIndex(resources, opts);
}

/** The document for "api/v1" or "apis/apps/v1"; undefined when no resource is in that group version. */
export function openApiV3Document(gvPath: string, resources: ResourceType[], opts?: DocumentOptions): object | undefined {
  return buildDocument(gvPath.replace(/^\/+|\/+$/g, ""), resources, opts);
}
