// Read and decode a request body: JSON, YAML or Kubernetes protobuf, at most 3 MiB.
import { parse as parseYaml } from "yaml";
import { errors } from "../../../shared/api/errors.ts";
import { isPlainObject } from "../../../shared/api/object.ts";
import { decodeKubernetesProtobuf, isProtobufContentType } from "../../../shared/protobuf/index.ts";
import { duplicateJsonFields } from "./duplicates.ts";

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "application/json").split(";")[0].trim().toLowerCase();
}

export async function readBytes(req: Request): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw errors.tooLarge();
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of req.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) throw errors.tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parse text as JSON, falling back to YAML (kubectl sends JSON, other clients may send YAML). */
export function parseText(text: string, yaml: boolean): unknown {
  if (!yaml) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw errors.badRequest(`the server could not decode the request body as JSON: ${(e as Error).message}`);
    }
  }
  try {
    return parseYaml(text, { maxAliasCount: 100, uniqueKeys: true, stringKeys: true, prettyErrors: false, logLevel: "error" });
  } catch (e) {
    throw errors.badRequest(`the server could not decode the request body as YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

const jsonType = (v: unknown) => (Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : typeof v);
const isStringMap = (v: unknown) => isPlainObject(v) && Object.values(v).every((x) => typeof x === "string");
const isList = (ok: (x: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(ok);
const isString = (v: unknown) => typeof v === "string";

const META_TYPES: [string, (v: unknown) => boolean, string][] = [
  ...["name", "generateName", "namespace", "uid", "resourceVersion", "selfLink", "creationTimestamp", "deletionTimestamp"].map(
    (f): [string, (v: unknown) => boolean, string] => [f, isString, "string"],
  ),
  ["generation", Number.isSafeInteger, "int64"],
  ["deletionGracePeriodSeconds", Number.isSafeInteger, "int64"],
  ["labels", isStringMap, "map[string]string"],
  ["annotations", isStringMap, "map[string]string"],
  ["finalizers", isList(isString), "[]string"],
  ["ownerReferences", isList(isPlainObject), "[]v1.OwnerReference"],
  ["managedFields", isList(isPlainObject), "[]v1.ManagedFieldsEntry"],
];

/**
 * The generic handlers read kind, apiVersion and metadata before any strategy does: a value of the
 * wrong type there is a decoding error (400), as upstream's typed decoding makes it, not a 500.
 */
export function checkObjectTypes(obj: Record<string, unknown>) {
  const fail = (field: string, v: unknown, goType: string) => errors.badRequest(`json: cannot unmarshal ${jsonType(v)} into Go struct field ${field} of type ${goType}`);
  for (const f of ["kind", "apiVersion"]) if (obj[f] != null && !isString(obj[f])) throw fail(f, obj[f], "string");
  const meta = obj.metadata;
  if (meta == null) return;
  if (!isPlainObject(meta)) throw fail("metadata", meta, "v1.ObjectMeta");
  for (const [f, ok, goType] of META_TYPES) if (meta[f] != null && !ok(meta[f])) throw fail(`metadata.${f}`, meta[f], goType);
}

/** Decode an object body for create/update/subresource writes. Under Strict field validation a
 * JSON body with repeated keys is rejected. */
export async function readObject(req: Request, strict = false): Promise<Record<string, unknown>> {
  const type = mediaType(req);
  const bytes = await readBytes(req);
  let value: unknown;
  if (isProtobufContentType(type)) {
    value = decodeKubernetesProtobuf(bytes).object;
  } else if (type === "application/json" || type === "application/yaml" || type === "application/x-yaml" || type === "text/yaml") {
    if (bytes.length === 0) throw errors.badRequest("the request body is empty");
    const text = new TextDecoder().decode(bytes);
    value = parseText(text, type !== "application/json");
    if (strict && type === "application/json") {
      const dups = duplicateJsonFields(text);
      if (dups.length) throw errors.badRequest(`strict decoding error: ${dups.map((d) => `duplicate field "${d}"`).join(", ")}`);
    }
  } else {
    throw errors.unsupportedMediaType(type);
  }
  if (!isPlainObject(value)) throw errors.badRequest("the request body must be a JSON object");
  checkObjectTypes(value);
  return value;
}
