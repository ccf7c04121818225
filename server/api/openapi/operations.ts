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

const pathParam = (name: string, description: string): Schema => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string", uniqueItems: true },
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
  sendInitialEvents: query("sendInitialEvents", "boolean", "Begin a watch with ADDED events for the current state."),
  timeoutSeconds: query("timeoutSeconds", "integer", "Seconds after which a list or watch call ends."),
  watch: query("watch", "boolean", "Stream changes instead of returning a list."),
  gracePeriodSeconds: query("gracePeriodSeconds", "integer", "Seconds before the object is deleted; 0 means now."),
  orphanDependents: query("orphanDependents", "boolean", "Deprecated; use propagationPolicy=Orphan."),
  propagationPolicy: query("propagationPolicy", "string", "How dependents are deleted: Orphan, Background or Foreground."),
  name: pathParam("name", "Name of the object."),
  namespace: pathParam("namespace", "Namespace of the object."),
};

const LIST_PARAMS = [
  P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit,
  P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch,
];
const WRITE_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation];
const PATCH_PARAMS = [...WRITE_PARAMS, P.force];
const DELETE_PARAMS = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];

// Strategic merge patch is deliberately not listed: kubectl builds SMPs from the OpenAPI v3
// document only when the PATCH body offers it, and its compiled-in Go types are more exact than
// the patch metadata kept here.
const PATCH_TYPES = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

const body = (schema: Schema, types = ["*/*"]): Schema => ({
  content: Object.fromEntries(types.map((t) => [t, { schema }])),
  required: true,
});

const STATUS_TEXT: Record<string, string> = { "200": "OK", "201": "Created", "202": "Accepted" };

function responses(schema: Schema, codes: string[]): Schema {
  const content = { "application/json": { schema }, "application/yaml": { schema } };
  return Object.fromEntries(codes.map((code) => [code, { description: STATUS_TEXT[code], content }]));
}

/** One operation: which verb enables it and what it takes and returns. */
interface OpSpec {
  verb: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  action: string;
  /** Operation id prefix: list, create, read, replace, patch, delete, deleteCollection. */
  id: string;
  describe: (what: string) => string;
  params?: Params;
  body?: "object" | "patch" | "delete";
  response: "object" | "list" | "status";
  codes?: string[];
}

const COLLECTION_OPS: OpSpec[] = [
  { verb: "list", method: "get", action: "list", id: "list", describe: (w) => `List or watch ${w}.`, params: LIST_PARAMS, response: "list" },
  { verb: "create", method: "post", action: "post", id: "create", describe: (w) => `Create an object in ${w}.`, params: WRITE_PARAMS, body: "object", response: "object", codes: ["200", "201", "202"] },
  { verb: "deletecollection", method: "delete", action: "deletecollection", id: "deleteCollection", describe: (w) => `Delete a collection of ${w}.`, params: [...DELETE_PARAMS, ...LIST_PARAMS], body: "delete", response: "status" },
];

const ITEM_OPS: OpSpec[] = [
  { verb: "get", method: "get", action: "get", id: "read", describe: (w) => `Read ${w}.`, response: "object" },
  { verb: "update", method: "put", action: "put", id: "replace", describe: (w) => `Replace ${w}.`, params: WRITE_PARAMS, body: "object", response: "object", codes: ["200", "201"] },
  { verb: "patch", method: "patch", action: "patch", id: "patch", describe: (w) => `Partially update ${w}.`, params: PATCH_PARAMS, body: "patch", response: "object", codes: ["200", "201"] },
  { verb: "delete", method: "delete", action: "delete", id: "delete", describe: (w) => `Delete ${w}.`, params: DELETE_PARAMS, body: "delete", response: "object", codes: ["200", "202"] },
];

/** Status and scale support get, update and patch. */
const SUBRESOURCE_OPS = ITEM_OPS.filter((o) => o.verb !== "delete");

interface Target {
  /** Operation id suffix, e.g. AppsV1NamespacedDeploymentStatus. */
  idSuffix: string;
  what: string;
  object: Schema;
  list: Schema;
  gvk: Schema;
  tag: string;
}

function pathItem(ops: OpSpec[], verbs: Set<string> | undefined, parameters: Params, t: Target): PathItem | undefined {
  const item: PathItem = { parameters };
  for (const o of ops) {
    if (verbs && !verbs.has(o.verb)) continue;
    const op: Schema = { tags: [t.tag], description: o.describe(t.what), operationId: `${o.id}${t.idSuffix}` };
    if (o.params?.length) op.parameters = o.params;
    if (o.body === "object") op.requestBody = body(t.object);
    if (o.body === "patch") op.requestBody = body(refTo(`${META}.Patch`), PATCH_TYPES);
    if (o.body === "delete") op.requestBody = body(refTo(`${META}.DeleteOptions`));
    const response = o.response === "list" ? t.list : o.response === "status" ? refTo(`${META}.Status`) : t.object;
    op.responses = responses(response, o.codes ?? ["200"]);
    op["x-kubernetes-action"] = o.action;
    op["x-kubernetes-group-version-kind"] = t.gvk;
    item[o.method] = op;
  }
  return Object.keys(item).length > 1 ? item : undefined;
}

/** The path items for one resource, keyed by path. */
export function resourcePaths(rt: ResourceType): Record<string, PathItem> {
  const verbs = new Set(rt.verbs ?? DEFAULT_VERBS);
  const prefix = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
  const base = rt.namespaced ? `${prefix}/namespaces/{namespace}/${rt.plural}` : `${prefix}/${rt.plural}`;
  const gv = gvCamel(rt.group, rt.version);
  const ns = rt.namespaced ? "Namespaced" : "";
  const pathParams = rt.namespaced ? [P.namespace, P.pretty] : [P.pretty];
  const itemParams = [P.name, ...pathParams];
  const target: Target = {
    idSuffix: `${gv}${ns}${rt.kind}`,
    what: rt.plural,
    object: refTo(schemaNameOf(rt)),
    list: refTo(listSchemaNameOf(rt)),
    gvk: { group: rt.group, version: rt.version, kind: rt.kind },
    tag: gv.replace(/(V\d.*)$/, "_$1").toLowerCase(),
  };
  const entries: [string, PathItem | undefined][] = [
    [base, pathItem(COLLECTION_OPS, verbs, pathParams, target)],
    [`${base}/{name}`, pathItem(ITEM_OPS, verbs, itemParams, { ...target, what: `the specified ${rt.kind}` })],
  ];
  if (rt.namespaced && verbs.has("list")) {
    const all = { ...target, idSuffix: `${gv}${rt.kind}ForAllNamespaces`, what: `${rt.plural} in all namespaces` };
    entries.push([`${prefix}/${rt.plural}`, pathItem(COLLECTION_OPS.slice(0, 1), undefined, [P.pretty], all)]);
  }
  if (rt.status) {
    const status = { ...target, idSuffix: `${target.idSuffix}Status`, what: `the status of the specified ${rt.kind}` };
    entries.push([`${base}/{name}/status`, pathItem(SUBRESOURCE_OPS, undefined, itemParams, status)]);
  }
  if (rt.scale) {
    const scale = {
      ...target,
      idSuffix: `${target.idSuffix}Scale`,
      what: `the scale of the specified ${rt.kind}`,
      object: refTo(SCALE),
      gvk: { group: "autoscaling", version: "v1", kind: "Scale" },
    };
    entries.push([`${base}/{name}/scale`, pathItem(SUBRESOURCE_OPS, undefined, itemParams, scale)]);
  }
  return Object.fromEntries(entries.filter((e): e is [string, PathItem] => e[1] !== undefined));
}
