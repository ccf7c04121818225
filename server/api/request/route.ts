// Parse a resource URL: /api/v1/... or /apis/<group>/<version>/..., then
// [namespaces/<ns>/]<plural>[/<name>[/<subresource>]].
import { errors } from "../../../shared/api/errors.ts";

export interface ResourceRoute {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
}

/** A segment with a malformed percent-escape ("%ZZ") is a client error, not a URIError 500. */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw errors.badRequest(`the path segment "${s}" is not validly percent-encoded`);
  }
}

export function parseResourcePath(path: string): ResourceRoute | undefined {
  const parts = path.split("/").filter(Boolean).map(decodeSegment);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3) {
    group = "";
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  if (rest[0] === "namespaces" && rest.length >= 3 && !(rest.length === 3 && (rest[2] === "status" || rest[2] === "finalize"))) {
    const [, namespace, plural, name, subresource, ...extra] = rest;
    if (extra.length) return undefined;
    return { group, version, namespace, plural, name, subresource };
  }
  const [plural, name, subresource, ...extra] = rest;
  if (extra.length) return undefined;
  return { group, version, plural, name, subresource };
}
