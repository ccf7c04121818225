// /openapi/v2: the Swagger 2.0 document (JSON) and its gnostic protobuf encoding.
export { buildSwagger, type SwaggerDocument } from "./document.ts";
export { encodeSwagger } from "./proto.ts";
export { V2_PROTOBUF, v2Format } from "./accept.ts";
