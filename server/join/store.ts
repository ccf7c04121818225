// The few objects the join endpoint reads and writes (kube-system Secrets, Nodes), directly
// on the server's object store: joining runs before the node has any API identity.
import type { Secret } from "kubernetes-types/core/v1";
import { errors } from "../../shared/api/errors.ts";
import type { StoredObject } from "../../shared/api/object.ts";
import type { ApiContext } from "../api/context.ts";
import type { NodePasswordStore } from "./node-password.ts";

const NAMESPACE = "kube-system";
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export interface JoinStore extends NodePasswordStore {}

export function joinStore(ctx: ApiContext): JoinStore {
  const secrets = () => ctx.registry.lookup("", "v1", "secrets")!;
  const nodes = () => ctx.registry.lookup("", "v1", "nodes")!;
  const ref = { group: "", resource: "secrets" };
  return {
    async getSecret(name) {
      return (await ctx.store.get(secrets(), NAMESPACE, name))?.obj as Secret | undefined;
    },
    async putSecret(secret, existing) {
      const name = secret.metadata!.name!;
      if (!existing) {
        const obj = { ...secret, metadata: { ...secret.metadata, name, uid: crypto.randomUUID(), creationTimestamp: rfc3339(ctx.now()), resourceVersion: "" } };
        if (!(await ctx.store.create(secrets(), obj as StoredObject))) throw errors.conflict(ref, name, "another join of this node is in progress; try again");
        return;
      }
      const old = existing as StoredObject;
      const obj = { ...secret, metadata: { ...old.metadata, ...secret.metadata, resourceVersion: old.metadata.resourceVersion } } as StoredObject;
      if (!(await ctx.store.update(secrets(), obj, Number(old.metadata.resourceVersion)))) throw errors.conflict(ref, name);
    },
    async nodeExists(name) {
      return (await ctx.store.get(nodes(), undefined, name)) !== undefined;
    },
  };
}
