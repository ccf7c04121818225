// The operations of one resource: list/create/deletecollection on the collection path,
// get/replace/patch/delete on the item path, and the status and scale subresources.
import type { ResourceType } from "../registry/types.ts";
import { META, refTo, type Schema } from "./dsl.ts";
import { gvCamel, listSchemaNameOf, schemaNameOf } from "./names.ts";

const DEFAULT_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const SCALE = "io.k8s.api.autoscaling.v1.Scale";

type Params = Schema[];
export type PathItem = Record<string, unknown>;

const query = (name: string, type: string, description: string): Schema => ({
  name,
  in: "query",
  description,
  schema: { type, uniqueItems: true },
});

const P = {
  pretty: query("pretty", "string", "Indent the output when 'true'."),
  dryRun: query("dryRun", "string", "When All, the request is validated and processed but nothing is persisted."),
  fieldManager: query("fieldManager", "string", "Name of the actor making the change, recorded in managedFields."),
  fieldValidation: query(
    "fieldValidation",
    "string",
    "How unknown or duplicate fields in the body are handled: Ignore, Warn or Strict.",
  ),
  force: query("force", "boolean", "Apply requests only: take over fields owned by other managers."),
  allowWatchBookmarks: query("allowWatchBookmarks", "boolean", "Send BOOKMARK events on watches."),
  continue: query("continue", "string", "Token from a previous page of a paged list."),
  fieldSelector: query("fieldSelector", "string", "Select objects by fields, e.g. metadata.name=web."),
  labelSelector: query("labelSelector", "string", "Select objects by labels, e.g. app=web,tier!=db."),
  limit: query("limit", "integer", "Maximum number of items in one page."),
  resourceVersion: query("resourceVersion", "string", "Resource version to read (or watch) from."),
  resourceVersionMatch: query("resourceVersionMatch", "string", "How resourceVersion applies: Exact or NotOlderThan."),
  sendInitialEvents: query("sendInitialEvents", "boolean", "Start a watch with synthetic ADDED events for the current state."),
  timeoutSeconds: query("timeoutSeconds", "integer", "Seconds after which a list or watch call ends."),
  watch: query("watch", "boolean", "Stream changes instead of returning a list."),
  gracePeriodSeconds: query("gracePeriodSeconds", "integer", "Seconds before the object is deleted; 0 means now."),
  orphanDependents: query("orphanDependents", "boolean", "Deprecated; use propagationPolicy=Orphan."),
  propagationPolicy: query("propagationPolicy", "string", "How dependents are deleted: Orphan, Background or Foreground."),
  name: { name: "name", in: "path", required: true, description: "Name of the object.", schema: { type: "string", uniqueItems: true } },
  namespace: {
    name: "namespace",
    in: "path",
    required: true,
    description: "Namespace of the object.",
    schema: { type: "string", uniqueItems: true },
  },
};

const LIST_PARAMS = [P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch];
const WRITE_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation];
const PATCH_PARAMS = [...WRITE_PARAMS, P.force];
const DELETE_PARAMS = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];

const body = (schema: Schema, types = ["*/*"]): Schema => ({
  content: Object.fromEntries(types.map((t) => [t, { schema }])),
  required: true,
});

// Strategic merge patch is deliberately not listed: kubectl builds SMPs from the OpenAPI v3
// document only when the PATCH body offers it, and its compiled-in Go types are more exact than
// the patch metadata kept here.
const PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

const responses = (schema: Schema, codes: string[]): Schema =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      { description: code === "201" ? "Created" : code === "202" ? "Accepted" : "OK", content: { "application/json": { schema }, "application/yaml": { schema } } },
    ]),
  );

interface OpOptions {
  action: string;
  id: string;
  description: string;
  gvk: Schema;
  params?: Params;
  requestBody?: Schema;
  response: Schema;
  codes?: string[];
  tag: string;
}

function operation(o: OpOptions): Schema {
  const op: Schema = { tags: [o.tag], description: o.description, operationId: o.id };
  if (o.params?.length) op.parameters = o.params;
  if (o.requestBody) op.requestBody = o.requestBody;
  op.responses = responses(o.response, o.codes ?? ["200"]);
  op["x-kubernetes-action"] = o.action;
  op["x-kubernetes-group-version-kind"] = o.gvk;
  return op;
}

/** The path items for one resource, keyed by path. */
export function resourcePaths(rt: ResourceType): Record<string, PathItem> {
  const verbs = new Set(rt.verbs ?? DEFAULT_VERBS);
  const prefix = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
  const base = rt.namespaced ? `${prefix}/namespaces/{namespace}/${rt.plural}` : `${prefix}/${rt.plural}`;
  const item = `${base}/{name}`;
  const gv = gvCamel(rt.group, rt.version);
  const ns = rt.namespaced ? "Namespaced" : "";
  const tag = gv.replace(/(V\d.*)$/, "_$1").toLowerCase();
  const gvk = { group: rt.group, version: rt.version, kind: rt.kind };
  const kindRef = refTo(schemaNameOf(rt));
  const listRef = refTo(listSchemaNameOf(rt));
  const pathParams = rt.namespaced ? [P.namespace, P.pretty] : [P.pretty];
  const itemParams = [P.name, ...pathParams];
  const op = (o: Omit<OpOptions, "gvk" | "tag"> & { gvk?: Schema }) => operation({ gvk, tag, ...o });
  const out: Record<string, PathItem> = {};

  const collection: PathItem = { parameters: pathParams };
  if (verbs.has("list")) {
    collection.get = op({ action: "list", id: `list${gv}${ns}${rt.kind}`, description: `List or watch ${rt.plural}.`, params: LIST_PARAMS, response: listRef });
  }
  if (verbs.has("create")) {
    collection.post = op({ action: "post", id: `create${gv}${ns}${rt.kind}`, description: `Create a ${rt.kind}.`, params: WRITE_PARAMS, requestBody: body(kindRef), response: kindRef, codes: ["200", "201", "202"] });
  }
  if (verbs.has("deletecollection")) {
    collection.delete = op({ action: "deletecollection", id: `deleteCollection${gv}${ns}${rt.kind}`, description: `Delete a collection of ${rt.plural}.`, params: [...DELETE_PARAMS, ...LIST_PARAMS], requestBody: body(refTo(`${META}.DeleteOptions`)), response: refTo(`${META}.Status`) });
  }
  if (Object.keys(collection).length > 1) out[base] = collection;

  const itemPath: PathItem = { parameters: itemParams };
  if (verbs.has("get")) itemPath.get = op({ action: "get", id: `read${gv}${ns}${rt.kind}`, description: `Read the specified ${rt.kind}.`, response: kindRef });
  if (verbs.has("update")) {
    itemPath.put = op({ action: "put", id: `replace${gv}${ns}${rt.kind}`, description: `Replace the specified ${rt.kind}.`, params: WRITE_PARAMS, requestBody: body(kindRef), response: kindRef, codes: ["200", "201"] });
  }
  if (verbs.has("patch")) {
    itemPath.patch = op({ action: "patch", id: `patch${gv}${ns}${rt.kind}`, description: `Partially update the specified ${rt.kind}.`, params: PATCH_PARAMS, requestBody: body(refTo(`${META}.Patch`), PATCH_TYPES), response: kindRef, codes: ["200", "201"] });
  }
  if (verbs.has("delete")) {
    itemPath.delete = op({ action: "delete", id: `delete${gv}${ns}${rt.kind}`, description: `Delete the specified ${rt.kind}.`, params: DELETE_PARAMS, requestBody: body(refTo(`${META}.DeleteOptions`)), response: kindRef, codes: ["200", "202"] });
  }
  if (Object.keys(itemPath).length > 1) out[item] = itemPath;

  if (rt.namespaced && verbs.has("list")) {
    out[`${prefix}/${rt.plural}`] = {
      parameters: [P.pretty],
      get: op({ action: "list", id: `list${gv}${rt.kind}ForAllNamespaces`, description: `List or watch ${rt.plural} in all namespaces.`, params: LIST_PARAMS, response: listRef }),
    };
  }

  const sub = (name: string, what: string, ref: Schema, subGvk: Schema) => ({
    parameters: itemParams,
    get: op({ action: "get", id: `read${gv}${ns}${rt.kind}${what}`, description: `Read the ${name} of the specified ${rt.kind}.`, response: ref, gvk: subGvk }),
    put: op({ action: "put", id: `replace${gv}${ns}${rt.kind}${what}`, description: `Replace the ${name} of the specified ${rt.kind}.`, params: WRITE_PARAMS, requestBody: body(ref), response: ref, codes: ["200", "201"], gvk: subGvk }),
    patch: op({ action: "patch", id: `patch${gv}${ns}${rt.kind}${what}`, description: `Partially update the ${name} of the specified ${rt.kind}.`, params: PATCH_PARAMS, requestBody: body(refTo(`${META}.Patch`), PATCH_TYPES), response: ref, codes: ["200", "201"], gvk: subGvk }),
  });
  if (rt.status) out[`${item}/status`] = sub("status", "Status", kindRef, gvk);
  if (rt.scale) out[`${item}/scale`] = sub("scale", "Scale", refTo(SCALE), { group: "autoscaling", version: "v1", kind: "Scale" });
  return out;
}
