// PUT of a whole object: optimistic concurrency on metadata.resourceVersion (none = unconditional).
import { errors } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import type { WriteOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";
import { admit, checkFields, failIfInvalid } from "./admit.ts";
import { managerName, trackUpdate } from "./managed.ts";
import { carryOverMeta, checkNamespace, checkTypeMeta } from "./meta.ts";
import { updateObject } from "./update-loop.ts";

/** Turn a client's full object into the next stored version of `current` (main resource). */
export function nextVersion(info: RequestInfo, rt: ResourceType, current: StoredObject, body: KubeObject, opts: WriteOptions, manager: string): KubeObject {
  checkTypeMeta(rt, body);
  checkNamespace(rt, body, current.metadata.namespace);
  checkFields(rt, body, opts, info.headers);
  const rv = body.metadata?.resourceVersion;
  failIfInvalid(rt, body, carryOverMeta(rt, body, current));
  if (rv) body.metadata!.resourceVersion = rv;
  admit(rt, body, current);
  return trackUpdate(info, rt, current, body, manager);
}

export async function replaceObject(info: RequestInfo, rt: ResourceType, namespace: string | undefined, name: string, body: KubeObject, opts: WriteOptions) {
  const bodyName = body.metadata?.name;
  if (bodyName !== undefined && bodyName !== name) {
    throw errors.badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  }
  if (rt.namespaced && body.metadata?.namespace && body.metadata.namespace !== namespace) {
    throw errors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  const manager = managerName(info, opts.fieldManager);
  return updateObject(info, {
    rt,
    namespace,
    name,
    dryRun: opts.dryRun,
    precondition: body.metadata?.resourceVersion || undefined,
    mutate: (current) => nextVersion(info, rt, current!, structuredClone(body), opts, manager),
  });
}
