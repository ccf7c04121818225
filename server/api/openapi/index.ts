// OpenAPI for kubectl: the /openapi/v3 index, one document per group version, the /openapi/v2
// Swagger document (JSON and protobuf), and the unknown-field check behind fieldValidation=Strict|Warn.
import type { ResourceType } from "../registry/types.ts";
import { buildDocument, buildIndex, type DocumentOptions } from "./document.ts";
import { buildSwagger, encodeSwagger, type SwaggerDocument } from "./v2/index.ts";

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

export type { SwaggerDocument } from "./v2/index.ts";
export { V2_PROTOBUF, v2Format } from "./v2/index.ts";

/** The Swagger 2.0 document of all resources, built from the same documents as v3. */
export function openApiV2Document(resources: ResourceType[], opts?: DocumentOptions): SwaggerDocument {
  return buildSwagger(resources, opts);
}

/** The document as gnostic's openapi_v2.Document protobuf message. */
export function openApiV2Protobuf(doc: SwaggerDocument): Uint8Array {
  return encodeSwagger(doc);
}
