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
    return parseYaml(text, { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw errors.badRequest(`the server could not decode the request body as YAML: ${(e as Error).message.split("\n")[0]}`);
  }
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
  return value;
}
