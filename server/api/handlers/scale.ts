// The /scale subresource (autoscaling/v1 Scale) over spec.replicas of Deployments,
// ReplicaSets and StatefulSets.
import { errors } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from "../../../shared/patch/index.ts";
import { labelSelectorFromObject } from "../../../shared/selectors/index.ts";
import type { RequestInfo } from "../context.ts";
import { checkTypes } from "../openapi/types.ts";
import type { WriteOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";
import { managerName, trackUpdate } from "./managed.ts";
import type { ParsedPatch } from "./patch.ts";
import { updateObject } from "./update-loop.ts";

function getPath(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** A replica count read from an object: anything but a number (a custom resource without a schema may hold one) is 0. */
const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** The autoscaling/v1 Scale a client sent, as decoding it would: spec.replicas is an int32. */
const SCALE = { kind: "Scale", group: "autoscaling", version: "v1" };

/** The Scale's status.selector: the selector in label-query form ("" when it cannot be printed). */
function scaleSelector(sel: unknown): string {
  try {
    return labelSelectorFromObject(sel as never).toString();
  } catch {
    return "";
  }
}

export function toScale(rt: ResourceType, obj: StoredObject): KubeObject {
  const s = rt.scale!;
  const sel = s.labelSelectorPath ? getPath(obj, s.labelSelectorPath) : undefined;
  const m = obj.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: count(getPath(obj, s.specReplicasPath)) },
    status: {
      replicas: count(getPath(obj, s.statusReplicasPath)),
      selector: typeof sel === "string" ? sel : sel ? scaleSelector(sel) : "",
    },
  };
}

function setReplicas(rt: ResourceType, obj: KubeObject, replicas: unknown) {
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid("Scale", "autoscaling", obj.metadata?.name ?? "", [{ reason: "FieldValueInvalid", field: "spec.replicas", message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0` }]);
  }
  const path = rt.scale!.specReplicasPath.split(".");
  let cur = obj as Record<string, unknown>;
  for (const k of path.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1]] = replicas;
}

export function writeScale(info: RequestInfo, rt: ResourceType, namespace: string | undefined, name: string, opts: WriteOptions, change: (scale: KubeObject) => KubeObject) {
  const manager = managerName(info, opts.fieldManager);
  return updateObject(info, {
    rt,
    namespace,
    name,
    dryRun: opts.dryRun,
    mutate: (current) => {
      const scale = change(toScale(rt, current!));
      checkTypes(SCALE, scale);
      const next = structuredClone(current!) as StoredObject;
      setReplicas(rt, next, (scale.spec as { replicas?: unknown } | undefined)?.replicas);
      checkTypes(rt, next, current);
      const rv = scale.metadata?.resourceVersion;
      if (rv && rv !== current!.metadata.resourceVersion) throw errors.conflict({ group: rt.group, resource: rt.plural }, name);
      if (JSON.stringify(next.spec) !== JSON.stringify(current!.spec) && rt.strategy.hasGeneration) {
        next.metadata.generation = (current!.metadata.generation ?? 1) + 1;
      }
      return trackUpdate(info, rt, current, next, manager, "scale");
    },
  });
}

export function patchScaleDoc(scale: KubeObject, patch: ParsedPatch): KubeObject {
  if (patch.type === "json") return applyJsonPatch(scale, patch.body as never) as KubeObject;
  if (patch.type === "merge") return applyMergePatch(scale, patch.body as never) as KubeObject;
  if (patch.type === "strategic") return applyStrategicMergePatch(scale, patch.body as object, "Scale") as KubeObject;
  throw errors.unsupportedMediaType("application/apply-patch+yaml", ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]);
}
