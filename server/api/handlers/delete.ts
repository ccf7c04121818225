// DELETE of one object: preconditions, propagationPolicy finalizers, graceful pod deletion, and
// objects held by finalizers (deletionTimestamp set; removed once the finalizers are gone).
import { errors } from "../../../shared/api/errors.ts";
import { isPlainObject, type StoredObject } from "../../../shared/api/object.ts";
import { decodeKubernetesProtobuf, isProtobufContentType } from "../../../shared/protobuf/index.ts";
import { releaseServiceAddresses } from "../allocators/index.ts";
import type { RequestInfo } from "../context.ts";
import { mediaType, parseText, readBytes } from "../request/body.ts";
import type { ResourceType } from "../registry/types.ts";
import { rfc3339 } from "./meta.ts";
import { updateObject } from "./update-loop.ts";

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

const POLICIES = ["Foreground", "Background", "Orphan"];

const jsonType = (v: unknown) => (Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : typeof v);

/** A body field of the wrong JSON type is a decoding error (400), as upstream's typed decoding makes it. */
export function checkDeleteOptionTypes(o: Record<string, unknown>) {
  const fail = (field: string, goType: string, v: unknown) => errors.badRequest(`json: cannot unmarshal ${jsonType(v)} into Go struct field DeleteOptions.${field} of type ${goType}`);
  const want = (field: string, ok: (v: unknown) => boolean, goType: string, v = o[field]) => {
    if (v != null && !ok(v)) throw fail(field, goType, v);
  };
  want("gracePeriodSeconds", (v) => Number.isSafeInteger(v), "int64");
  want("propagationPolicy", (v) => typeof v === "string", "v1.DeletionPropagation");
  want("orphanDependents", (v) => typeof v === "boolean", "bool");
  want("dryRun", (v) => Array.isArray(v) && v.every((d) => typeof d === "string"), "[]string");
  if (Array.isArray(o.dryRun) && o.dryRun.some((d) => d !== "All")) throw errors.badRequest(`unsupported dry run mode ${JSON.stringify(o.dryRun)}: only "All" is supported`);
  want("preconditions", isPlainObject, "v1.Preconditions");
  const pre = isPlainObject(o.preconditions) ? o.preconditions : {};
  want("preconditions.uid", (v) => typeof v === "string", "types.UID", pre.uid);
  want("preconditions.resourceVersion", (v) => typeof v === "string", "string", pre.resourceVersion);
}

/** The latest instant RFC 3339 (and Go's time JSON) can write; a huge grace period ends there. */
const MAX_DATE_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

export async function readDeleteOptions(req: Request, q: URLSearchParams): Promise<DeleteOptions> {
  let opts: DeleteOptions = {};
  const bytes = await readBytes(req);
  if (bytes.length) {
    const ct = mediaType(req);
    const v = isProtobufContentType(ct) ? decodeKubernetesProtobuf(bytes).object : parseText(new TextDecoder().decode(bytes), ct !== "application/json");
    if (!isPlainObject(v)) throw errors.badRequest("DeleteOptions must be a JSON object");
    checkDeleteOptionTypes(v);
    opts = v as DeleteOptions;
  }
  const grace = q.get("gracePeriodSeconds");
  if (grace !== null) {
    if (!/^-?\d+$/.test(grace) || !Number.isSafeInteger(Number(grace))) throw errors.badRequest(`gracePeriodSeconds must be an integer, got "${grace}"`);
    opts.gracePeriodSeconds = Number(grace);
  }
  const policy = q.get("propagationPolicy");
  if (policy) opts.propagationPolicy = policy as DeleteOptions["propagationPolicy"];
  if (q.get("orphanDependents")) opts.orphanDependents = q.get("orphanDependents") === "true";
  if (q.getAll("dryRun").length) opts.dryRun = q.getAll("dryRun");
  if (opts.dryRun != null && (!Array.isArray(opts.dryRun) || opts.dryRun.some((d) => d !== "All"))) {
    throw errors.badRequest(`unsupported dry run mode ${JSON.stringify(opts.dryRun)}: only "All" is supported`);
  }
  if (opts.propagationPolicy && !POLICIES.includes(opts.propagationPolicy)) {
    throw errors.invalid("DeleteOptions", "", "", [{ reason: "FieldValueNotSupported", field: "propagationPolicy", message: `Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"` }]);
  }
  if (opts.propagationPolicy && opts.orphanDependents !== undefined) {
    throw errors.invalid("DeleteOptions", "", "", [{ reason: "FieldValueInvalid", field: "propagationPolicy", message: "orphanDependents and deletionPropagation cannot be both set" }]);
  }
  return opts;
}

function policyFinalizer(opts: DeleteOptions): string | undefined {
  if (opts.propagationPolicy === "Foreground") return "foregroundDeletion";
  if (opts.propagationPolicy === "Orphan" || opts.orphanDependents === true) return "orphan";
  return undefined;
}

/** Pods on a node are deleted gracefully: the node's agent removes them after it stops them. */
function podGrace(rt: ResourceType, obj: StoredObject, opts: DeleteOptions): number {
  if (rt.group !== "" || rt.kind !== "Pod") return 0;
  const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (!spec.nodeName || phase === "Succeeded" || phase === "Failed") return 0;
  return Math.max(0, opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30);
}

/** Namespaces the system needs; upstream's NamespaceLifecycle admission refuses to delete them. */
const IMMORTAL_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export async function deleteObject(info: RequestInfo, rt: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions): Promise<StoredObject> {
  const ref = { group: rt.group, resource: rt.plural };
  if (rt.group === "" && rt.kind === "Namespace" && IMMORTAL_NAMESPACES.includes(name)) throw errors.forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
  const dryRun = !!opts.dryRun?.length;
  let removed: StoredObject | undefined;
  const result = await updateObject(info, {
    rt,
    namespace,
    name,
    dryRun,
    mutate: (obj) => {
      const cur = obj!;
      const pre = opts.preconditions;
      if (pre?.uid && pre.uid !== cur.metadata.uid) throw errors.conflict(ref, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid}`);
      if (pre?.resourceVersion && pre.resourceVersion !== cur.metadata.resourceVersion) throw errors.conflict(ref, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion}`);
      const meta = cur.metadata;
      const fin = policyFinalizer(opts);
      if (fin && !meta.deletionTimestamp && !(meta.finalizers ?? []).includes(fin)) meta.finalizers = [...(meta.finalizers ?? []), fin];
      const grace = podGrace(rt, cur, opts);
      const holders = (meta.finalizers?.length ?? 0) + (rt.kind === "Namespace" && rt.group === "" ? ((cur.spec as { finalizers?: string[] })?.finalizers?.length ?? 0) : 0);
      if (!holders && !grace) {
        removed = cur;
        return cur; // unchanged: deleted below
      }
      const now = info.ctx.now();
      if (!meta.deletionTimestamp || grace < (meta.deletionGracePeriodSeconds ?? Infinity)) {
        meta.deletionTimestamp = rfc3339(new Date(Math.min(now.getTime() + grace * 1000, MAX_DATE_MS)));
        meta.deletionGracePeriodSeconds = grace;
      }
      if (rt.kind === "Namespace" && rt.group === "") cur.status = { ...(cur.status as object), phase: "Terminating" };
      removed = undefined;
      return cur;
    },
  });
  if (!removed) return result.obj;
  if (dryRun) return removed;
  const gone = await info.ctx.store.delete(rt, namespace, name, Number(removed.metadata.resourceVersion));
  if (gone) releaseServiceAddresses(info.ctx, rt, gone);
  if (gone) return gone;
  // It changed between the read and the delete: decide again on the new state.
  return deleteObject(info, rt, namespace, name, opts);
}
