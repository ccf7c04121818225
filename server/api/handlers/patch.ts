// PATCH: JSON patch, merge patch, strategic merge patch (built-in kinds only) and server-side
// apply (which also creates). The patched object then takes the same path as a PUT.
import { errors } from "../../../shared/api/errors.ts";
import { isPlainObject, type KubeObject, type StoredObject } from "../../../shared/api/object.ts";
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, serverSideApply } from "../../../shared/patch/index.ts";
import type { RequestInfo } from "../context.ts";
import { checkObjectTypes, mediaType, parseText, readBytes } from "../request/body.ts";
import type { WriteOptions } from "../request/options.ts";
import { apiVersionOf, type ResourceType } from "../registry/types.ts";
import { createObject } from "./create.ts";
import { managerName, resetFieldsFor } from "./managed.ts";
import { rfc3339 } from "./meta.ts";
import { nextVersion } from "./update.ts";
import { updateObject } from "./update-loop.ts";

export type PatchType = "json" | "merge" | "strategic" | "apply";

const TYPES: Record<string, PatchType> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
  "application/apply-patch+cbor": "apply",
};

export interface ParsedPatch {
  type: PatchType;
  body: unknown;
}

export async function readPatch(req: Request, rt: ResourceType): Promise<ParsedPatch> {
  const ct = mediaType(req);
  const type = TYPES[ct];
  if (!type || ct.endsWith("+cbor")) throw errors.unsupportedMediaType(ct, Object.keys(TYPES).filter((t) => !t.endsWith("cbor")));
  if (type === "strategic" && !rt.smpType) {
    throw errors.unsupportedMediaType(ct, ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]);
  }
  const text = new TextDecoder().decode(await readBytes(req));
  if (!text.trim()) throw errors.badRequest("the patch body is empty");
  const body = parseText(text, type === "apply");
  if (type === "json" ? !Array.isArray(body) : !isPlainObject(body)) {
    throw errors.badRequest(type === "json" ? "a JSON patch must be a list of operations" : "the patch must be a JSON object");
  }
  if (type === "apply") checkObjectTypes(body as Record<string, unknown>);
  return { type, body };
}

/** The resourceVersion a patch sets, which makes it conditional on that version. */
export function patchPrecondition(patch: ParsedPatch): string | undefined {
  if (patch.type === "json") {
    const op = (patch.body as { op?: string; path?: string; value?: unknown }[]).find((o) => o?.path === "/metadata/resourceVersion" && (o.op === "replace" || o.op === "add" || o.op === "test"));
    return typeof op?.value === "string" && op.value ? op.value : undefined;
  }
  const rv = (patch.body as KubeObject).metadata?.resourceVersion;
  return typeof rv === "string" && rv ? rv : undefined;
}

/** Apply a non-apply patch document to a copy of the current object. */
export function applyPatch(rt: ResourceType, current: KubeObject, patch: ParsedPatch): KubeObject {
  switch (patch.type) {
    case "json":
      return applyJsonPatch(current, patch.body as never) as KubeObject;
    case "merge":
      return applyMergePatch(current, patch.body as never) as KubeObject;
    case "strategic":
      return applyStrategicMergePatch(current, patch.body as object, rt.smpType!) as KubeObject;
    default:
      throw errors.unsupportedMediaType("application/apply-patch+yaml");
  }
}

export async function patchObject(info: RequestInfo, rt: ResourceType, namespace: string | undefined, name: string, patch: ParsedPatch, opts: WriteOptions) {
  if (patch.type === "apply") return applyObject(info, rt, namespace, name, patch.body as KubeObject, opts);
  const manager = managerName(info, opts.fieldManager);
  return updateObject(info, {
    rt,
    namespace,
    name,
    dryRun: opts.dryRun,
    precondition: patchPrecondition(patch),
    mutate: (current) => nextVersion(info, rt, current!, applyPatch(rt, current!, patch), opts, manager),
  });
}

async function applyObject(info: RequestInfo, rt: ResourceType, namespace: string | undefined, name: string, applied: KubeObject, opts: WriteOptions) {
  if (!opts.fieldManager) throw errors.badRequest("PATCH, application/apply-patch+yaml requests must have a fieldManager");
  const manager = opts.fieldManager;
  if (applied.metadata?.name !== undefined && applied.metadata.name !== name) {
    throw errors.badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  }
  const ssa = (live: StoredObject | undefined) =>
    serverSideApply({
      live,
      applied: structuredClone(applied),
      manager,
      force: opts.force,
      typeName: rt.smpType,
      apiVersion: apiVersionOf(rt),
      now: rfc3339(info.ctx.now()),
      resetFields: resetFieldsFor(rt),
    }) as KubeObject;
  return updateObject(info, {
    rt,
    namespace,
    name,
    dryRun: opts.dryRun,
    precondition: applied.metadata?.resourceVersion || undefined,
    mutate: (current) => {
      if (!current) {
        const fresh = ssa(undefined);
        return { ...fresh, metadata: { ...fresh.metadata, name } };
      }
      const merged = ssa(current);
      const rv = applied.metadata?.resourceVersion;
      if (merged.metadata) merged.metadata.resourceVersion = rv;
      // managedFields computed by apply are kept: nextVersion must not re-track them as an Update.
      const keep = merged.metadata?.managedFields;
      const next = nextVersion(info, rt, current, merged, opts, manager);
      if (next.metadata) next.metadata.managedFields = keep;
      return next;
    },
    create: (obj) =>
      createObject(info, rt, namespace, obj, opts, (o) => ({
        ...o,
        metadata: { ...o.metadata, managedFields: obj.metadata?.managedFields },
      })),
  });
}
