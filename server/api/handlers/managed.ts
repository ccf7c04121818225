// managedFields bookkeeping for non-apply writes: the writer becomes owner of what it changed.
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { recordUpdate } from "../../../shared/patch/apply/index.ts";
import { apiVersionOf, type ResourceType } from "../registry/types.ts";
import type { RequestInfo } from "../context.ts";
import { rfc3339 } from "./meta.ts";

/** Upstream's default manager is the user agent's program name ("kubectl", "kubun-controller"). */
export function managerName(info: RequestInfo, explicit?: string): string {
  if (explicit) return explicit;
  const ua = info.req.headers.get("user-agent") ?? "unknown";
  return ua.split("/")[0] || "unknown";
}

export function trackUpdate(info: RequestInfo, rt: ResourceType, old: StoredObject | undefined, next: KubeObject, manager: string, subresource?: string): KubeObject {
  return recordUpdate({
    old,
    updated: next,
    manager,
    operation: "Update",
    apiVersion: apiVersionOf(rt),
    now: rfc3339(info.ctx.now()),
    subresource,
    typeName: rt.smpType,
    resetFields: resetFieldsFor(rt, subresource),
  }) as KubeObject;
}

/** Fields a write to this (sub)resource can never own: status for the main resource, spec for /status. */
export function resetFieldsFor(rt: ResourceType, subresource?: string): string[][] {
  if (subresource === "status") return [["spec"]];
  return rt.status ? [["status"]] : [];
}
