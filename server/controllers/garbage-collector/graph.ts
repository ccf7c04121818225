// The ownership graph: every watched object by uid, and for every owner uid the uids of the
// objects that reference it. An owner that is referenced but not (or no longer) known is
// "virtual": its dependents are still listed, and their reconcile verifies it with the API.
import type { StoredObject } from "../../../shared/api/object.ts";
import type { ApiResource } from "../../../shared/client/index.ts";
import { ownerRefs } from "./refs.ts";

export interface Node {
  resource: ApiResource;
  obj: StoredObject;
}

export class OwnerGraph {
  private nodes = new Map<string, Node>();
  private dependentsOf = new Map<string, Set<string>>();

  get(uid: string): Node | undefined {
    return this.nodes.get(uid);
  }

  get size() {
    return this.nodes.size;
  }

  /** Record the current state of an object; returns the state it replaces, if any. */
  upsert(resource: ApiResource, obj: StoredObject): Node | undefined {
    const uid = obj.metadata.uid;
    const prev = this.nodes.get(uid);
    if (prev) this.unlink(uid, prev.obj);
    this.nodes.set(uid, { resource, obj });
    for (const r of ownerRefs(obj)) {
      let set = this.dependentsOf.get(r.uid);
      if (!set) this.dependentsOf.set(r.uid, (set = new Set()));
      set.add(uid);
    }
    return prev;
  }

  /** Forget an object. Its own dependents keep pointing at its uid (now a virtual owner). */
  remove(obj: StoredObject): Node | undefined {
    const uid = obj.metadata.uid;
    const prev = this.nodes.get(uid);
    if (!prev) return undefined;
    this.unlink(uid, prev.obj);
    this.nodes.delete(uid);
    return prev;
  }

  /** The known objects that reference `ownerUid` (whether or not the owner is known). */
  dependents(ownerUid: string): Node[] {
    const out: Node[] = [];
    for (const uid of this.dependentsOf.get(ownerUid) ?? []) {
      const n = this.nodes.get(uid);
      if (n) out.push(n);
    }
    return out;
  }

  hasDependents(ownerUid: string): boolean {
    return (this.dependentsOf.get(ownerUid)?.size ?? 0) > 0;
  }

  private unlink(uid: string, obj: StoredObject) {
    for (const r of ownerRefs(obj)) {
      const set = this.dependentsOf.get(r.uid);
      if (!set) continue;
      set.delete(uid);
      if (!set.size) this.dependentsOf.delete(r.uid);
    }
  }
}
