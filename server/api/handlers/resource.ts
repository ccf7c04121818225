// One generic handler for every registered resource: it maps (method, subresource) to a verb.
import { StatusError, errors } from "../../../shared/api/errors.ts";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import { negotiate, TABLE_CONTENT_TYPE } from "../request/accept.ts";
import { readObject } from "../request/body.ts";
import { includeObjectOption, readOptions, writeOptions } from "../request/options.ts";
import type { ResourceRoute } from "../request/route.ts";
import { json, jsonText } from "../respond.ts";
import type { ResourceType } from "../registry/types.ts";
import { toTable } from "../table/index.ts";
import { bindPod } from "./binding.ts";
import { createObject } from "./create.ts";
import { deleteCollection } from "./delete-collection.ts";
import { deleteObject, readDeleteOptions } from "./delete.ts";
import { evictPod } from "./eviction.ts";
import { finalizeNamespace } from "./finalize.ts";
import { listJson, listObjects } from "./list.ts";
import { patchObject, readPatch } from "./patch.ts";
import { patchScaleDoc, toScale, writeScale } from "./scale.ts";
import { patchStatus, replaceStatus } from "./status.ts";
import { replaceObject } from "./update.ts";
import { watchObjects } from "./watch.ts";
import { isPodStreamSubresource, servePodStream } from "../../tunnel/index.ts";
import { createToken } from "../serviceaccount/token-request.ts";
import { isSelfSubjectReview, reviewSelf } from "./self-subject-review.ts";

/** The methods the streaming pod subresources take (served through the agents' tunnels, server/tunnel). */
const STREAMING: Record<string, string[]> = { log: ["GET"], exec: ["GET", "POST"], attach: ["GET", "POST"], portforward: ["GET", "POST"] };

const notFoundPath = () => new StatusError(404, "NotFound", "the server could not find the requested resource");

export async function handleResource(info: RequestInfo, route: ResourceRoute): Promise<Response> {
  const rt = info.ctx.registry.lookup(route.group, route.version, route.plural);
  if (!rt || (route.namespace !== undefined && !rt.namespaced)) throw notFoundPath();
  const { req, url } = info;
  const ns = rt.namespaced ? route.namespace : undefined;
  const name = route.name;
  const sub = route.subresource;
  const method = req.method;
  const ref = { group: rt.group, resource: rt.plural };

  if (sub && sub !== "status" && !(sub === "scale" && rt.scale) && !rt.extraSubresources?.includes(sub)) throw notFoundPath();
  if (sub === "status" && !rt.status) throw notFoundPath();

  // Options of the response are parsed before any write: a bad one must fail the request, not
  // follow a write that already happened (list options such as limit do not apply to objects).
  const table = negotiate(req.headers.get("accept")) === "table";
  const includeObject = table ? includeObjectOption(url.searchParams) : undefined;
  const out = (obj: StoredObject, code = 200) => {
    if (table) return json(toTable(rt, [obj], { includeObject, now: info.ctx.now() }), code, info.headers, TABLE_CONTENT_TYPE);
    return json(obj, code, info.headers);
  };

  if (isSelfSubjectReview(rt)) {
    if (!name && !sub && method === "POST") return json(reviewSelf(info, await readObject(req)), 201, info.headers);
    throw errors.methodNotAllowed(`the server does not allow this method on the requested resource: selfsubjectreviews only accepts create`);
  }

  if (!name) {
    if (method === "GET") {
      const opts = readOptions(url.searchParams);
      const repr = negotiate(req.headers.get("accept"));
      if (opts.watch) return watchObjects(info, rt, route.namespace, opts, repr);
      const page = await listObjects(info, rt, route.namespace, opts, repr !== "table");
      if (repr === "table") {
        return json(toTable(rt, page.items, { includeObject: opts.includeObject, now: info.ctx.now(), listMeta: page }), 200, info.headers, TABLE_CONTENT_TYPE);
      }
      return jsonText(listJson(rt, page), 200, info.headers);
    }
    if (method === "POST") {
      if (rt.namespaced && !ns) throw errors.methodNotAllowed(`the server does not allow this method on the requested resource: POST needs a namespace for ${rt.plural}`);
      const opts = writeOptions(url.searchParams);
      const body = await readObject(req, opts.fieldValidation === "Strict");
      return out(await createObject(info, rt, ns, body, opts), 201);
    }
    if (method === "DELETE" && rt.verbs && !rt.verbs.includes("deletecollection")) throw errors.methodNotAllowed(`deletecollection is not supported on ${rt.plural}`);
    if (method === "DELETE") return json(await deleteCollection(info, rt, ns, readOptions(url.searchParams), await readDeleteOptions(req, url.searchParams)), 200, info.headers);
    throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }

  if (!sub || sub === "status") {
    if (method === "GET") {
      const found = await info.ctx.store.get(rt, ns, name);
      if (!found) throw errors.notFound(ref, name);
      return out(found.obj);
    }
    if (method === "PUT") {
      const opts = writeOptions(url.searchParams);
      const body = await readObject(req, opts.fieldValidation === "Strict");
      const r = sub ? await replaceStatus(info, rt, ns, name, body, opts) : await replaceObject(info, rt, ns, name, body, opts);
      return out(r.obj, r.created ? 201 : 200);
    }
    if (method === "PATCH") {
      const patch = await readPatch(req, rt);
      const opts = writeOptions(url.searchParams);
      if (sub && patch.type === "apply") throw errors.unsupportedMediaType("application/apply-patch+yaml", ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]);
      const r = sub ? await patchStatus(info, rt, ns, name, patch, opts) : await patchObject(info, rt, ns, name, patch, opts);
      return out(r.obj, r.created ? 201 : 200);
    }
    if (method === "DELETE" && !sub) return out(await deleteObject(info, rt, ns, name, await readDeleteOptions(req, url.searchParams)));
    throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }

  if (sub === "scale") {
    const opts = writeOptions(url.searchParams);
    if (method === "GET") {
      const found = await info.ctx.store.get(rt, ns, name);
      if (!found) throw errors.notFound(ref, name);
      return json(toScale(rt, found.obj), 200, info.headers);
    }
    if (method === "PUT") {
      const body = await readObject(req);
      const r = await writeScale(info, rt, ns, name, opts, () => body);
      return json(toScale(rt, r.obj), 200, info.headers);
    }
    if (method === "PATCH") {
      const patch = await readPatch(req, rt);
      const r = await writeScale(info, rt, ns, name, opts, (scale) => patchScaleDoc(scale, patch));
      return json(toScale(rt, r.obj), 200, info.headers);
    }
    throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }

  if (sub === "finalize") {
    if (method === "PUT") return out(await finalizeNamespace(info, rt, name, await readObject(req), writeOptions(url.searchParams)));
    throw errors.methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  if (sub === "binding" && method === "POST") return json(await bindPod(info, rt, ns!, name, await readObject(req), writeOptions(url.searchParams)), 201, info.headers);
  if (sub === "eviction" && method === "POST") return json(await evictPod(info, rt, ns!, name, await readObject(req), writeOptions(url.searchParams)), 201, info.headers);
  if (sub === "token" && method === "POST") return json(await createToken(info, ns!, name, await readObject(req)), 201, info.headers);
  if (sub === "binding" || sub === "eviction" || sub === "token") throw errors.methodNotAllowed(`the server does not allow this method on the requested resource: ${sub} only accepts POST`);
  const accepted = STREAMING[sub];
  if (accepted && !accepted.includes(method)) throw errors.methodNotAllowed(`the server does not allow this method on the requested resource: ${sub} only accepts ${accepted.join(" and ")}`);
  if (isPodStreamSubresource(sub) && rt.group === "" && rt.plural === "pods") return servePodStream(info, info.ctx.streams, sub, ns!, name); // server/tunnel
  throw errors.notImplemented(`the ${sub} subresource of ${rt.plural} is not served by this kubun version yet`);
}
