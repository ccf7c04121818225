// Query parameters shared by the verbs, parsed once per request.
import { errors } from "../../../shared/api/errors.ts";

export type FieldValidation = "Strict" | "Warn" | "Ignore";

export interface WriteOptions {
  fieldManager?: string;
  fieldValidation: FieldValidation;
  dryRun: boolean;
  force: boolean;
}

export interface ReadOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit: number;
  continue?: string;
  resourceVersion?: string;
  watch: boolean;
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
  includeObject?: "None" | "Metadata" | "Object";
}

const truthy = (v: string | null) => v === "true" || v === "1";

export function writeOptions(q: URLSearchParams): WriteOptions {
  const fv = q.get("fieldValidation") ?? "Warn";
  if (fv !== "Strict" && fv !== "Warn" && fv !== "Ignore") {
    throw errors.badRequest(`fieldValidation must be one of "Strict", "Warn" or "Ignore", got "${fv}"`);
  }
  const dry = q.getAll("dryRun");
  for (const d of dry) if (d !== "All") throw errors.badRequest(`unsupported dry run mode "${d}": only "All" is supported`);
  const fieldManager = q.get("fieldManager") ?? undefined;
  if (fieldManager !== undefined && fieldManager.length > 128) throw errors.badRequest("fieldManager must be at most 128 characters");
  return { fieldManager, fieldValidation: fv, dryRun: dry.length > 0, force: truthy(q.get("force")) };
}

function nonNegativeInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === "") return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw errors.badRequest(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

/** The Table option includeObject; also read for write responses, so before the write. */
export function includeObjectOption(q: URLSearchParams): ReadOptions["includeObject"] {
  const inc = q.get("includeObject") ?? undefined;
  if (inc !== undefined && inc !== "None" && inc !== "Metadata" && inc !== "Object") {
    throw errors.badRequest(`includeObject must be one of "None", "Metadata" or "Object", got "${inc}"`);
  }
  return inc;
}

export function readOptions(q: URLSearchParams): ReadOptions {
  const inc = includeObjectOption(q);
  return {
    labelSelector: q.get("labelSelector") || undefined,
    fieldSelector: q.get("fieldSelector") || undefined,
    limit: nonNegativeInt(q, "limit") ?? 0,
    continue: q.get("continue") || undefined,
    resourceVersion: q.get("resourceVersion") ?? undefined,
    watch: truthy(q.get("watch")),
    timeoutSeconds: nonNegativeInt(q, "timeoutSeconds"),
    allowWatchBookmarks: truthy(q.get("allowWatchBookmarks")),
    includeObject: inc,
  };
}

/** resourceVersion query values are decimal revisions; "" and "0" mean "any". */
export function parseRevision(rv: string | undefined): number {
  if (rv === undefined || rv === "" || rv === "0") return 0;
  if (!/^[0-9]+$/.test(rv)) throw errors.badRequest(`invalid resource version "${rv}"`);
  return Number(rv);
}
