// The /status subresource: writes change status only (and nothing else of the object).
import type { KubeObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import type { WriteOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";
import { checkTypes } from "../openapi/types.ts";
import { checkFields } from "./admit.ts";
import { managerName, trackUpdate } from "./managed.ts";
import { checkNamespace, checkTypeMeta, checkUid } from "./meta.ts";
import { applyPatch, patchPrecondition, type ParsedPatch } from "./patch.ts";
import { updateObject } from "./update-loop.ts";

export function updateStatus(info: RequestInfo, rt: ResourceType, namespace: string | undefined, name: string, opts: WriteOptions, change: (current: KubeObject) => KubeObject, precondition?: string) {
  const manager = managerName(info, opts.fieldManager);
  return updateObject(info, {
    rt,
    namespace,
    name,
    dryRun: opts.dryRun,
    precondition,
    mutate: (current) => {
      const body = change(structuredClone(current!));
      checkTypeMeta(rt, body);
      checkNamespace(rt, body, namespace);
      checkFields(rt, body, opts, info.headers);
      checkUid(rt, body, current!);
      const next = structuredClone(current!) as KubeObject;
      next.status = body.status;
      const rv = body.metadata?.resourceVersion;
      next.metadata!.resourceVersion = rv;
      checkTypes(rt, next, current);
      return trackUpdate(info, rt, current, next, manager, "status");
    },
  });
}

export const replaceStatus = (info: RequestInfo, rt: ResourceType, ns: string | undefined, name: string, body: KubeObject, opts: WriteOptions) =>
  updateStatus(info, rt, ns, name, opts, () => structuredClone(body), body.metadata?.resourceVersion || undefined);

export const patchStatus = (info: RequestInfo, rt: ResourceType, ns: string | undefined, name: string, patch: ParsedPatch, opts: WriteOptions) =>
  updateStatus(info, rt, ns, name, opts, (current) => applyPatch(rt, current, patch), patchPrecondition(patch));
