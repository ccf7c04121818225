// Is an owner still there? A reference is solid (owner exists), waiting (owner exists and is
// deleting its dependents in the foreground) or dangling (no object with that uid where the
// reference points). The graph answers when it knows the owner; otherwise a live GET decides,
// so a dependent is never collected because an informer lagged. Verified-absent uids are
// remembered: a uid never comes back.
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import { isNotFound, type Client } from "../../../shared/client/index.ts";
import { typeForKind, type ResourceSource } from "../../../shared/controller/index.ts";
import type { OwnerGraph } from "./graph.ts";
import { deletingDependents } from "./refs.ts";
import { refMatches } from "./triggers.ts";

export type OwnerState = "solid" | "waiting" | "dangling";

export interface Classified {
  solid: OwnerReference[];
  waiting: OwnerReference[];
  dangling: OwnerReference[];
}

const ABSENT_CACHE_SIZE = 4096;

export class OwnerVerifier {
  private absent = new Map<string, true>();

  constructor(
    private readonly client: Client,
    private readonly types: ResourceSource,
    private readonly graph: OwnerGraph,
  ) {}

  async state(ref: OwnerReference, namespace: string | undefined): Promise<OwnerState> {
    const type = typeForKind(this.types, ref.apiVersion, ref.kind);
    if (!type) throw new Error(`owner reference to ${ref.kind} ${JSON.stringify(ref.name)} (${ref.apiVersion}): no such resource type is served`);
    // A cluster-scoped dependent cannot have a namespaced owner: the reference cannot be
    // resolved, and upstream never collects such a dependent.
    if (type.namespaced && !namespace) return "solid";
    const known = this.graph.get(ref.uid);
    if (known && refMatches(known, ref, namespace)) return deletingDependents(known.obj) ? "waiting" : "solid";
    const cacheKey = `${type.namespaced ? namespace : ""}|${ref.uid}`;
    if (this.absent.has(cacheKey)) return "dangling";
    let live: StoredObject;
    try {
      live = await this.client.get(type, ref.name, { namespace: type.namespaced ? namespace : undefined });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      this.remember(cacheKey);
      return "dangling";
    }
    if (live.metadata.uid !== ref.uid) {
      this.remember(cacheKey);
      return "dangling";
    }
    return deletingDependents(live) ? "waiting" : "solid";
  }

  async classify(refs: OwnerReference[], namespace: string | undefined): Promise<Classified> {
    const out: Classified = { solid: [], waiting: [], dangling: [] };
    for (const ref of refs) out[await this.state(ref, namespace)].push(ref);
    return out;
  }

  private remember(key: string) {
    this.absent.set(key, true);
    if (this.absent.size > ABSENT_CACHE_SIZE) this.absent.delete(this.absent.keys().next().value!);
  }
}
