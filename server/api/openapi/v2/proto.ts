// The Swagger 2.0 document as a gnostic openapi_v2.Document, the only form kubectl asks for
// (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf). Field numbers are those
// of google/gnostic openapiv2/OpenAPIv2.proto.
import type { SwaggerDocument } from "./document.ts";
import { writeSchema } from "./proto-schema.ts";
import { BinaryWriter, msg, named, primitiveTail, bool, str, strs, vendorExtensions, type Json } from "./wire.ts";

/** Body or non-body parameter, or a reference, as a ParametersItem. */
function writeParametersItem(w: BinaryWriter, p: Json) {
  // ParametersItem: oneof { Parameter parameter = 1; JsonReference json_reference = 2 }
  if (typeof p.$ref === "string") {
    msg(w, 2, () => {
      str(w, 1, p.$ref);
      str(w, 2, p.description);
    });
    return;
  }
  msg(w, 1, () => writeParameter(w, p));
}

/** Parameter: oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2 }. */
function writeParameter(w: BinaryWriter, p: Json) {
  if (p.in === "body") {
    // BodyParameter: description 1, name 2, in 3, required 4, schema 5, vendor_extension 6
    msg(w, 1, () => {
      str(w, 1, p.description);
      str(w, 2, p.name);
      str(w, 3, p.in);
      bool(w, 4, p.required);
      if (p.schema) msg(w, 5, () => writeSchema(w, p.schema as Json));
      vendorExtensions(w, 6, p);
    });
    return;
  }
  // NonBodyParameter: oneof { header 1, form_data 2, query 3, path 4 }. Every sub-schema starts
  // required 1, in 2, description 3, name 4; query and formData then have allow_empty_value 5.
  const which = { header: 1, formData: 2, query: 3, path: 4 }[p.in as string];
  if (!which) throw new Error(`parameter ${JSON.stringify(p.name)}: unknown location in=${JSON.stringify(p.in)}`);
  const withEmpty = which === 2 || which === 3;
  msg(w, 2, () =>
    msg(w, which, () => {
      bool(w, 1, p.required);
      str(w, 2, p.in);
      str(w, 3, p.description);
      str(w, 4, p.name);
      if (withEmpty) bool(w, 5, p.allowEmptyValue);
      vendorExtensions(w, primitiveTail(w, p, withEmpty ? 6 : 5), p);
    }),
  );
}

/** Responses { repeated NamedResponseValue response_code = 1 }; ResponseValue { Response response = 1 };
 * Response: description 1, schema 2 (SchemaItem { Schema schema = 1 }), vendor_extension 5. */
function writeResponses(w: BinaryWriter, responses: Record<string, Json>) {
  named(w, 1, responses, (r) =>
    msg(w, 1, () => {
      str(w, 1, r.description);
      if (r.schema) msg(w, 2, () => msg(w, 1, () => writeSchema(w, r.schema as Json)));
      vendorExtensions(w, 5, r);
    }),
  );
}

/** Operation: tags 1, summary 2, description 3, operation_id 5, produces 6, consumes 7,
 * parameters 8, responses 9, schemes 10, deprecated 11, vendor_extension 13. */
function writeOperation(w: BinaryWriter, op: Json) {
  strs(w, 1, op.tags);
  str(w, 2, op.summary);
  str(w, 3, op.description);
  str(w, 5, op.operationId);
  strs(w, 6, op.produces);
  strs(w, 7, op.consumes);
  for (const p of (op.parameters as Json[] | undefined) ?? []) msg(w, 8, () => writeParametersItem(w, p));
  if (op.responses) msg(w, 9, () => writeResponses(w, op.responses as Record<string, Json>));
  strs(w, 10, op.schemes);
  bool(w, 11, op.deprecated);
  vendorExtensions(w, 13, op);
}

/** PathItem: get 2, put 3, post 4, delete 5, options 6, head 7, patch 8, parameters 9, vendor_extension 10. */
const METHOD_FIELDS: [string, number][] = [["get", 2], ["put", 3], ["post", 4], ["delete", 5], ["options", 6], ["head", 7], ["patch", 8]];

function writePathItem(w: BinaryWriter, item: Json) {
  for (const [m, no] of METHOD_FIELDS) if (item[m]) msg(w, no, () => writeOperation(w, item[m] as Json));
  for (const p of (item.parameters as Json[] | undefined) ?? []) msg(w, 9, () => writeParametersItem(w, p));
  vendorExtensions(w, 10, item);
}

/** Document: swagger 1, info 2 (title 1, version 2, description 3), paths 8 (Paths { path = 2 }),
 * definitions 9 (Definitions { additional_properties = 1 }), security 12, security_definitions 13. */
export function encodeSwagger(doc: SwaggerDocument): Uint8Array {
  const w = new BinaryWriter();
  str(w, 1, doc.swagger);
  msg(w, 2, () => {
    str(w, 1, doc.info.title);
    str(w, 2, doc.info.version);
  });
  msg(w, 8, () => named(w, 2, doc.paths, (item) => writePathItem(w, item)));
  msg(w, 9, () => named(w, 1, doc.definitions, (s) => writeSchema(w, s)));
  // SecurityRequirement { repeated NamedStringArray additional_properties = 1 }; StringArray { value = 1 }
  for (const req of doc.security) msg(w, 12, () => named(w, 1, req, (scopes) => strs(w, 1, scopes)));
  // SecurityDefinitions { repeated NamedSecurityDefinitionsItem additional_properties = 1 };
  // SecurityDefinitionsItem { ApiKeySecurity api_key_security = 2 }: type 1, name 2, in 3, description 4
  msg(w, 13, () =>
    named(w, 1, doc.securityDefinitions, (d) => {
      if (d.type !== "apiKey") return;
      msg(w, 2, () => {
        str(w, 1, d.type);
        str(w, 2, d.name);
        str(w, 3, d.in);
        str(w, 4, d.description);
      });
    }),
  );
  return w.finish();
}
