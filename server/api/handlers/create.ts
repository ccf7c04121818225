// POST to a collection: a new object, with server-owned metadata, defaults and validation.
import { errors } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { holdServiceAddresses } from "../allocators/index.ts";
import type { RequestInfo } from "../context.ts";
import type { WriteOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";
import { admit, checkFields } from "./admit.ts";
import { managerName, trackUpdate } from "./managed.ts";
import { checkNamespace, checkTypeMeta, initCreate } from "./meta.ts";
import { requireNamespace } from "./namespace-check.ts";
import { admitServiceAccount } from "../serviceaccount/admission.ts";

/** Store a new object from a client body. Also used by apply and by PUT-creates. */
export async function createObject(info: RequestInfo, rt: ResourceType, namespace: string | undefined, body: KubeObject, opts: WriteOptions, managed?: (o: KubeObject) => KubeObject): Promise<StoredObject> {
  checkTypeMeta(rt, body);
  checkNamespace(rt, body, namespace);
  if (!body.metadata?.name && !body.metadata?.generateName) {
    throw errors.invalid(rt.kind, rt.group, "", [{ reason: "FieldValueRequired", message: "name or generateName is required", field: "metadata.name" }]);
  }
  checkFields(rt, body, opts, info.headers);
  let obj: KubeObject = initCreate(rt, body, info.ctx.now());
  admit(rt, obj);
  await requireNamespace(info.ctx, rt, namespace, obj.metadata?.name);
  await admitServiceAccount(info, rt, obj);
  obj = managed ? managed(obj) : trackUpdate(info, rt, undefined, obj, managerName(info, opts.fieldManager));
  const stored = obj as StoredObject;
  const addresses = holdServiceAddresses(info.ctx, rt, stored);
  if (opts.dryRun) return addresses.release(), stored;
  const created = await addresses.settle(info.ctx.store.create(rt, stored));
  if (!created) throw errors.alreadyExists({ group: rt.group, resource: rt.plural }, stored.metadata.name);
  return created;
}
