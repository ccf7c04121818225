// GET of a collection: selectors, limit/continue paging pinned to one revision, Table output.
import { errors } from "../../../shared/api/errors.ts";
import type { StoredObject } from "../../../shared/api/object.ts";
import { CompactedError } from "../../store/types.ts";
import type { RequestInfo } from "../context.ts";
import { parseRevision, type ReadOptions } from "../request/options.ts";
import { apiVersionOf, type ResourceType } from "../registry/types.ts";
import { decodeKv, kvJson } from "../storage/objects.ts";
import { makeFilter } from "./filter.ts";

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: t.rv, start: t.start })).toString("base64url");
}

function decodeContinue(s: string, prefix: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, "base64url").toString());
    if (Number.isSafeInteger(t.rv) && t.rv >= 0 && typeof t.start === "string" && t.start.startsWith(prefix)) return t;
  } catch {}
  throw errors.badRequest("continue key is not valid: the continue token could not be decoded");
}

export interface ListPage {
  items: StoredObject[];
  /**
   * With `asText` and no selector: the items as JSON text (resourceVersion set), unparsed, and
   * `items` left empty. A list is mostly stored text passed through, so this skips a parse and
   * a stringify per object.
   */
  texts?: string[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export async function listObjects(info: RequestInfo, rt: ResourceType, namespace: string | undefined, opts: ReadOptions, asText = false): Promise<ListPage> {
  const prefix = info.ctx.store.prefix(rt, namespace);
  const filter = makeFilter(rt, opts);
  parseRevision(opts.resourceVersion); // a malformed resourceVersion is 400 even where it is not used
  const token = opts.continue ? decodeContinue(opts.continue, prefix) : undefined;
  const backend = info.ctx.store.backend;
  // Tokens are only made at revisions the store has reached; a later one is forged.
  if (token && token.rv > backend.currentRevision()) throw errors.badRequest("continue key is not valid: its resource version is newer than the store's");
  let revision = token?.rv ?? 0;
  let startAfter = token?.start;
  const items: StoredObject[] = [];
  const texts: string[] | undefined = asText && filter.trivial ? [] : undefined;
  let more = false;
  let remaining: number | undefined;
  try {
    for (;;) {
      const want = opts.limit ? opts.limit - items.length : 0;
      const page = await backend.list(prefix, { limit: want ? Math.max(want, filter.trivial ? want : 100) : 0, startAfter, revision });
      revision = page.revision;
      for (let i = 0; i < page.kvs.length; i++) {
        const kv = page.kvs[i]!;
        startAfter = kv.key;
        const text = texts && kvJson(kv);
        if (text !== undefined) texts!.push(text);
        else {
          const obj = decodeKv(kv);
          if (!filter.matches(obj)) continue;
          if (texts) texts.push(JSON.stringify(obj));
          else items.push(obj);
        }
        const count = texts ? texts.length : items.length;
        if (opts.limit && count >= opts.limit) {
          more = i < page.kvs.length - 1 || page.more;
          if (filter.trivial && more) remaining = (page.kvs.length - 1 - i) + (page.remaining ?? 0);
          break;
        }
      }
      if ((opts.limit && (texts ? texts.length : items.length) >= opts.limit) || !page.more) break;
    }
  } catch (e) {
    if (e instanceof CompactedError && token) {
      throw errors.gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
    }
    throw e;
  }
  const out: ListPage = { items, texts, resourceVersion: String(revision) };
  if (more && startAfter) {
    out.continue = encodeContinue({ rv: revision, start: startAfter });
    if (remaining !== undefined) out.remainingItemCount = remaining;
  }
  return out;
}

export function listBody(rt: ResourceType, page: ListPage) {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continue) metadata.continue = page.continue;
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  return { kind: rt.listKind ?? `${rt.kind}List`, apiVersion: apiVersionOf(rt), metadata, items: page.items };
}

/** The list as JSON text; a page read `asText` splices its item texts in unparsed. */
export function listJson(rt: ResourceType, page: ListPage): string {
  if (!page.texts) return JSON.stringify(listBody(rt, page));
  const head = JSON.stringify({ ...listBody(rt, page), items: undefined });
  return `${head.slice(0, -1)},"items":[${page.texts.join(",")}]}`;
}
