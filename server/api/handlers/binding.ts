// pods/binding: the scheduler assigns a pod to a node, exactly once.
import { cause, errors } from "../../../shared/api/errors.ts";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import type { WriteOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";
import { failIfInvalid } from "./admit.ts";
import { managerName, trackUpdate } from "./managed.ts";
import { updateObject } from "./update-loop.ts";

export async function bindPod(info: RequestInfo, rt: ResourceType, namespace: string, name: string, body: KubeObject, opts: WriteOptions) {
  if (body.kind !== undefined && body.kind !== "Binding") throw errors.badRequest(`expected a Binding, got kind "${body.kind}"`);
  const target = (body.target ?? {}) as { kind?: unknown; name?: unknown };
  if (typeof target !== "object" || Array.isArray(target)) throw errors.badRequest("Binding in version \"v1\" cannot be handled as a Binding: target must be an object");
  for (const f of ["kind", "name"] as const) {
    if (target[f] !== undefined && typeof target[f] !== "string") {
      throw errors.badRequest(`Binding in version "v1" cannot be handled as a Binding: json: cannot unmarshal ${typeof target[f]} into Go struct field ObjectReference.target.${f} of type string`);
    }
  }
  if (!target.name) failIfInvalid(rt, { metadata: { name } }, [cause.required("target.name")]);
  if (target.kind && target.kind !== "Node") failIfInvalid(rt, { metadata: { name } }, [cause.notSupported("target.kind", target.kind, ["Node"])]);
  const ref = { group: "", resource: "pods" };
  await updateObject(info, {
    rt,
    namespace,
    name,
    dryRun: opts.dryRun,
    mutate: (pod) => {
      const p = pod!;
      const spec = (p.spec ??= {}) as { nodeName?: string };
      if (p.metadata.deletionTimestamp) throw errors.conflict(ref, name, "pod is being deleted, cannot be assigned to a host");
      if (spec.nodeName) throw errors.conflict(ref, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
      const uid = (body.metadata as { uid?: string } | undefined)?.uid;
      if (uid && uid !== p.metadata.uid) throw errors.conflict(ref, name, "the UID of the binding does not match the pod");
      spec.nodeName = target.name as string;
      const status = (p.status ??= {}) as { conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
      const conds = (status.conditions ??= []).filter((c) => c.type !== "PodScheduled");
      conds.push({ type: "PodScheduled", status: "True", lastTransitionTime: new Date(info.ctx.now()).toISOString().replace(/\.\d{3}Z$/, "Z") });
      status.conditions = conds;
      return trackUpdate(info, rt, pod, p, managerName(info, opts.fieldManager), "binding");
    },
  });
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}
