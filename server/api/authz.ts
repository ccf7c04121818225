// Authorization. system:masters may do anything. Nodes (group system:nodes, user
// system:node:<name>) get what upstream's Node authorizer and NodeRestriction admission give
// a kubelet: read most things; write only their own Node, their own Lease, the status of and
// deletion of pods bound to them, and events; read only the Secrets their pods use.
// A node may also ask for service account tokens bound to pods on it (upstream's Node
// authorizer and NodeRestriction), which is how the agent fills projected token volumes.
// Other users — service accounts (system:serviceaccount:<ns>:<name>) included — are not
// restricted yet: there is no RBAC, so any valid service account token acts as an admin.
import type { Pod } from "kubernetes-types/core/v1";
import { StatusError } from "../../shared/api/errors.ts";
import type { StoredObject } from "../../shared/api/object.ts";
import { parseFieldSelector, requiresExactField } from "../../shared/selectors/fields.ts";
import type { RequestInfo, User } from "./context.ts";
import { readObject } from "./request/body.ts";
import { parseResourcePath } from "./request/route.ts";
import { podSecretNames } from "./authz-secrets.ts";

export const NODES_GROUP = "system:nodes";
export const NODE_USER_PREFIX = "system:node:";
const NODE_LEASE_NAMESPACE = "kube-node-lease";

export interface Attributes {
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** What a resource request asks to do, in upstream's verbs; undefined for non-resource paths. */
export function requestAttributes(info: RequestInfo): Attributes | undefined {
  const route = parseResourcePath(info.url.pathname);
  if (!route) return undefined;
  const m = info.req.method;
  const watch = ["true", "1"].includes(info.url.searchParams.get("watch") ?? "");
  const verb =
    m === "GET" || m === "HEAD" ? (route.name ? "get" : watch ? "watch" : "list")
    : m === "POST" ? "create"
    : m === "PUT" ? "update"
    : m === "PATCH" ? "patch"
    : m === "DELETE" ? (route.name ? "delete" : "deletecollection")
    : m.toLowerCase();
  return { verb, group: route.group, version: route.version, resource: route.plural, subresource: route.subresource, namespace: route.namespace, name: route.name };
}

/** Upstream's Forbidden Status: `nodes "x" is forbidden: User "u" cannot update resource "nodes" in API group "" at the cluster scope`. */
export function forbidden(user: User, a: Attributes, reason?: string): StatusError {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : "at the cluster scope";
  const why = `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}${reason ? `: ${reason}` : ""}`;
  const qualified = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${qualified} "${a.name}"` : qualified;
  return new StatusError(403, "Forbidden", `${subject} is forbidden: ${why}`, { name: a.name, group: a.group, kind: a.resource });
}

/** Throws 403 when `info.user` may not make this request; synchronous for users it does not restrict. */
export function authorize(info: RequestInfo): Promise<void> | undefined {
  const { user } = info;
  if (user.groups.includes("system:masters") || !user.groups.includes(NODES_GROUP)) return undefined;
  return authorizeNode(info, user);
}

async function authorizeNode(info: RequestInfo, user: User): Promise<void> {
  const a = requestAttributes(info);
  if (!a) return; // discovery, OpenAPI, version, health: open to every authenticated user
  if (!info.ctx.registry.lookup(a.group, a.version, a.resource)) return; // the handler answers 404
  const node = user.name.startsWith(NODE_USER_PREFIX) ? user.name.slice(NODE_USER_PREFIX.length) : "";
  if (!node) throw forbidden(user, a, "a member of system:nodes must be named system:node:<node name>");
  const decision = await nodeMay(info, a, node);
  if (decision !== true) throw forbidden(user, a, decision || undefined);
}

const READ = new Set(["get", "list", "watch"]);

/** true, or the reason (maybe empty) the node may not. */
async function nodeMay(info: RequestInfo, a: Attributes, node: string): Promise<true | string> {
  const core = a.group === "";
  if (core && a.resource === "secrets") return READ.has(a.verb) ? secretReadable(info, a, node) : "";
  if (READ.has(a.verb) && !a.subresource) return true;
  if (a.group === "authentication.k8s.io" && a.resource === "selfsubjectreviews") return a.verb === "create" ? true : "";
  if (core && a.resource === "serviceaccounts" && a.subresource === "token") return a.verb === "create" ? tokenForOwnPod(info, a, node) : "";
  if (core && a.resource === "nodes") {
    if (a.verb === "create" && !a.subresource) return (await bodyName(info)) === node ? true : "";
    if ((a.verb === "update" || a.verb === "patch") && (!a.subresource || a.subresource === "status")) return a.name === node ? true : "";
    if (READ.has(a.verb) && a.subresource === "status") return true;
    return "";
  }
  if (a.group === "coordination.k8s.io" && a.resource === "leases" && a.namespace === NODE_LEASE_NAMESPACE && !a.subresource) {
    if (a.verb === "create") return (await bodyName(info)) === node ? true : "";
    if (a.verb === "update" || a.verb === "patch" || a.verb === "delete") return a.name === node ? true : "";
    return "";
  }
  if (core && a.resource === "pods") {
    if (READ.has(a.verb)) return a.subresource === "status" ? true : "";
    const statusWrite = a.subresource === "status" && (a.verb === "update" || a.verb === "patch");
    if (statusWrite || (a.verb === "delete" && !a.subresource)) return (await boundNode(info, a)) === node ? true : "";
    return "";
  }
  if ((core || a.group === "events.k8s.io") && a.resource === "events" && ["create", "update", "patch"].includes(a.verb)) return true;
  return "";
}

/** A TokenRequest from a node must be bound to a pod on that node running as the account (upstream's NodeRestriction). */
async function tokenForOwnPod(info: RequestInfo, a: Attributes, node: string): Promise<true | string> {
  let ref: { kind?: unknown; name?: unknown; uid?: unknown } | undefined;
  try {
    const spec = (await readObject(info.req.clone() as Request)).spec as { boundObjectRef?: typeof ref } | undefined;
    ref = spec?.boundObjectRef ?? undefined;
  } catch {
    return "node requested token not bound to a pod";
  }
  if (!ref || ref.kind !== "Pod" || typeof ref.name !== "string") return "node requested token not bound to a pod";
  const rt = info.ctx.registry.lookup("", "v1", "pods");
  const pod = rt && ((await info.ctx.store.get(rt, a.namespace, ref.name))?.obj as (StoredObject & Pod) | undefined);
  if (!pod) return `no relationship found between node '${node}' and this object`;
  if (pod.spec?.nodeName !== node) return "node requested token bound to a pod scheduled on a different node";
  if (ref.uid && ref.uid !== pod.metadata.uid) return `the UID in the bound object reference (${String(ref.uid)}) does not match the UID in record. The object might have been deleted and then recreated`;
  if ((pod.spec?.serviceAccountName ?? "default") !== a.name) return `no relationship found between node '${node}' and this object`;
  return true;
}

/** metadata.name of the request body, read from a copy so the handler still gets the body. */
async function bodyName(info: RequestInfo): Promise<string | undefined> {
  try {
    const obj = await readObject(info.req.clone() as Request);
    const meta = obj.metadata as { name?: unknown } | undefined;
    return typeof meta?.name === "string" ? meta.name : undefined;
  } catch {
    return undefined;
  }
}

async function boundNode(info: RequestInfo, a: Attributes): Promise<string | undefined> {
  const rt = info.ctx.registry.lookup("", "v1", "pods");
  if (!rt || !a.name) return undefined;
  const pod = (await info.ctx.store.get(rt, a.namespace, a.name))?.obj as Pod | undefined;
  return pod?.spec?.nodeName || undefined;
}

/** A Secret is readable by name (get, or list/watch with metadata.name=) when a pod bound to the node uses it. */
async function secretReadable(info: RequestInfo, a: Attributes, node: string): Promise<true | string> {
  const none = `no relationship found between node '${node}' and this object`;
  let name = a.name;
  if (a.verb !== "get") {
    const selector = info.url.searchParams.get("fieldSelector") ?? "";
    try {
      name = requiresExactField(parseFieldSelector(selector), "metadata.name");
    } catch {
      return none;
    }
  }
  if (!name || !a.namespace) return none;
  const rt = info.ctx.registry.lookup("", "v1", "pods");
  if (!rt) return none;
  const { backend } = info.ctx.store;
  const page = await backend.list(info.ctx.store.prefix(rt, a.namespace));
  for (const kv of page.kvs) {
    const pod = JSON.parse(kv.value) as StoredObject & Pod;
    if (pod.spec?.nodeName === node && podSecretNames(pod).has(name)) return true;
  }
  return none;
}
