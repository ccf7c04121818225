// A small Kubernetes REST client over any fetch-compatible function: in the server, controllers
// call the hono app in process; agents call the HTTPS URL. JSON in, JSON out; every non-2xx
// answer becomes a StatusError carrying the server's Status.
import type { KubeObject, StoredObject } from "../api/object.ts";
import { errorFromResponse } from "./errors.ts";
import { queryString, resourcePath, type ApiResource, type QueryValue } from "./paths.ts";
import { watchStream, type WatchStream } from "./watch.ts";

export type FetchLike = (req: Request) => Response | Promise<Response>;

export interface ClientOptions {
  /** "https://10.0.0.1:6443"; for in-process use any origin, e.g. "http://kubun.internal". */
  baseUrl: string;
  fetch?: FetchLike;
  /** Bearer token sent on every request. */
  token?: string;
  /** Its program name ("kube-controller-manager/…") becomes the default field manager. */
  userAgent?: string;
}

export interface WriteOptions {
  namespace?: string;
  fieldManager?: string;
  fieldValidation?: "Strict" | "Warn" | "Ignore";
  dryRun?: boolean;
  subresource?: string;
  signal?: AbortSignal;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WatchOptions extends Omit<ListOptions, "limit" | "continue"> {
  allowWatchBookmarks?: boolean;
}

export type PatchType = "json" | "merge" | "strategic" | "apply";

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
};

export interface PatchOptions extends WriteOptions {
  type: PatchType;
  /** Server-side apply: take over fields owned by other managers. */
  force?: boolean;
}

export interface DeleteOptions {
  namespace?: string;
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  signal?: AbortSignal;
}

interface RequestSpec {
  method: string;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export class Client {
  private readonly base: string;
  private readonly doFetch: FetchLike;

  constructor(private readonly opts: ClientOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, "");
    this.doFetch = opts.fetch ?? ((req) => fetch(req));
  }

  /** One request; throws StatusError on a non-2xx answer. The caller reads the body. */
  async request(spec: RequestSpec): Promise<Response> {
    const headers = new Headers({ accept: "application/json" });
    if (this.opts.token) headers.set("authorization", `Bearer ${this.opts.token}`);
    if (this.opts.userAgent) headers.set("user-agent", this.opts.userAgent);
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers.set("content-type", spec.contentType ?? "application/json");
    }
    const url = this.base + spec.path + queryString(spec.query ?? {});
    const res = await this.doFetch(new Request(url, { method: spec.method, headers, body, signal: spec.signal }));
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  }

  private async json<T>(spec: RequestSpec): Promise<T> {
    return (await (await this.request(spec)).json()) as T;
  }

  get<T = StoredObject>(res: ApiResource, name: string, opts: { namespace?: string; subresource?: string; signal?: AbortSignal } = {}): Promise<T> {
    return this.json({ method: "GET", path: resourcePath({ ...res, ...opts, name }), signal: opts.signal });
  }

  async list<T = StoredObject>(res: ApiResource, opts: ListOptions = {}): Promise<ListResult<T>> {
    const { namespace, signal, ...q } = opts;
    const body = await this.json<{ items?: T[]; metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number } }>({
      method: "GET",
      path: resourcePath({ ...res, namespace }),
      query: { ...q },
      signal,
    });
    const out: ListResult<T> = { items: body.items ?? [], resourceVersion: body.metadata?.resourceVersion ?? "" };
    if (body.metadata?.continue) out.continue = body.metadata.continue;
    if (body.metadata?.remainingItemCount !== undefined) out.remainingItemCount = body.metadata.remainingItemCount;
    return out;
  }

  /** Every page of a list (all pinned to one revision by the server). */
  async listAll<T = StoredObject>(res: ApiResource, opts: Omit<ListOptions, "continue"> = {}): Promise<ListResult<T>> {
    const items: T[] = [];
    let page = await this.list<T>(res, { limit: 500, ...opts });
    items.push(...page.items);
    while (page.continue) {
      page = await this.list<T>(res, { limit: 500, ...opts, continue: page.continue });
      items.push(...page.items);
    }
    return { items, resourceVersion: page.resourceVersion };
  }

  create<T = StoredObject>(res: ApiResource, obj: KubeObject, opts: WriteOptions = {}): Promise<T> {
    const namespace = opts.namespace ?? (res.namespaced === false ? undefined : obj.metadata?.namespace);
    const name = opts.subresource ? obj.metadata?.name : undefined;
    return this.json({ method: "POST", path: resourcePath({ ...res, namespace, name, subresource: opts.subresource }), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  /** PUT of a whole object; its metadata.resourceVersion (if any) makes it conditional. */
  update<T = StoredObject>(res: ApiResource, obj: KubeObject, opts: WriteOptions = {}): Promise<T> {
    const name = obj.metadata?.name;
    if (!name) throw new Error(`update of ${res.plural}: the object has no metadata.name`);
    const namespace = opts.namespace ?? (res.namespaced === false ? undefined : obj.metadata?.namespace);
    return this.json({ method: "PUT", path: resourcePath({ ...res, namespace, name, subresource: opts.subresource }), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  updateStatus<T = StoredObject>(res: ApiResource, obj: KubeObject, opts: Omit<WriteOptions, "subresource"> = {}): Promise<T> {
    return this.update<T>(res, obj, { ...opts, subresource: "status" });
  }

  patch<T = StoredObject>(res: ApiResource, name: string, patch: unknown, opts: PatchOptions): Promise<T> {
    const query = { ...writeQuery(opts), force: opts.force ? true : undefined };
    return this.json({
      method: "PATCH",
      path: resourcePath({ ...res, namespace: opts.namespace, name, subresource: opts.subresource }),
      query,
      body: patch,
      contentType: PATCH_CONTENT_TYPES[opts.type],
      signal: opts.signal,
    });
  }

  /** DELETE with a DeleteOptions body. Returns the object (maybe with deletionTimestamp) or a Status. */
  delete<T = StoredObject>(res: ApiResource, name: string, opts: DeleteOptions = {}): Promise<T> {
    return this.json({ method: "DELETE", path: resourcePath({ ...res, namespace: opts.namespace, name }), body: deleteBody(opts), signal: opts.signal });
  }

  deleteCollection<T = StoredObject>(res: ApiResource, opts: DeleteOptions & { labelSelector?: string; fieldSelector?: string } = {}): Promise<ListResult<T>> {
    const path = resourcePath({ ...res, namespace: opts.namespace });
    const query = { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector };
    return this.json<{ items?: T[]; metadata?: { resourceVersion?: string } }>({ method: "DELETE", path, query, body: deleteBody(opts), signal: opts.signal }).then((b) => ({
      items: b.items ?? [],
      resourceVersion: b.metadata?.resourceVersion ?? "",
    }));
  }

  /** Start a watch; resolves once the server accepted it (errors such as 410 are thrown here). */
  async watch<T = StoredObject>(res: ApiResource, opts: WatchOptions = {}): Promise<WatchStream<T>> {
    const { namespace, signal, ...q } = opts;
    const abort = new AbortController();
    if (signal?.aborted) abort.abort();
    signal?.addEventListener("abort", () => abort.abort(), { once: true });
    const response = await this.request({ method: "GET", path: resourcePath({ ...res, namespace }), query: { ...q, watch: true }, signal: abort.signal });
    if (!response.body) throw new Error(`watch of ${res.plural}: the response has no body`);
    return watchStream<T>(response.body, abort);
  }
}

function writeQuery(opts: WriteOptions): Record<string, QueryValue> {
  return { fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation, dryRun: opts.dryRun ? "All" : undefined };
}

function deleteBody(opts: DeleteOptions) {
  const body: Record<string, unknown> = { kind: "DeleteOptions", apiVersion: "v1" };
  if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
  if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
  if (opts.preconditions) body.preconditions = opts.preconditions;
  if (opts.dryRun) body.dryRun = ["All"];
  return body;
}
