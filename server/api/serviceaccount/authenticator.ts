// Bearer tokens that are service account tokens: a valid signature, in their time window, meant
// for this API server, and naming a ServiceAccount (and the Pod or Secret they are bound to) that
// still exists with the same uid — so deleting the ServiceAccount or the pod revokes them, as
// upstream's validator does. Every check reads the store: no cache could notice a deletion.
import type { StoredObject } from "../../../shared/api/object.ts";
import type { TokenVerifier } from "../auth.ts";
import type { ApiContext, User } from "../context.ts";
import { SERVICE_ACCOUNT_PREFIX, type ObjectRef, type ServiceAccountClaims, type ServiceAccountTokens } from "./tokens.ts";

export const SERVICE_ACCOUNTS_GROUP = "system:serviceaccounts";

/** Upstream's user for a service account: its name and the groups every service account is in. */
export function serviceAccountUser(namespace: string, name: string): User {
  return { name: `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`, groups: [SERVICE_ACCOUNTS_GROUP, `${SERVICE_ACCOUNTS_GROUP}:${namespace}`, "system:authenticated"] };
}

export class ServiceAccountAuthenticator implements TokenVerifier {
  constructor(
    private readonly ctx: ApiContext,
    private readonly tokens: ServiceAccountTokens,
  ) {}

  verifyToken(token: string): Promise<User | undefined> | undefined {
    if (!this.tokens.isOurs(token)) return undefined;
    return this.check(token);
  }

  private async check(token: string): Promise<User | undefined> {
    const claims = await this.tokens.verify(token);
    if (typeof claims === "string") return this.refuse(claims);
    const why = await this.stale(claims);
    if (why) return this.refuse(why);
    const k = claims["kubernetes.io"];
    return serviceAccountUser(k.namespace, k.serviceaccount.name);
  }

  /** Why the objects the token names no longer back it, or undefined when they do. */
  private async stale(claims: ServiceAccountClaims): Promise<string | undefined> {
    const k = claims["kubernetes.io"];
    const sa = await this.get("serviceaccounts", k.namespace, k.serviceaccount);
    if (!sa || sa.metadata.deletionTimestamp) return `service account ${k.namespace}/${k.serviceaccount.name} has been deleted`;
    if (k.pod) {
      const pod = await this.get("pods", k.namespace, k.pod);
      if (!pod) return `pod ${k.namespace}/${k.pod.name} the token is bound to has been deleted`;
      const deleting = pod.metadata.deletionTimestamp;
      if (deleting && Date.parse(deleting) < this.ctx.now().getTime()) return `pod ${k.namespace}/${k.pod.name} the token is bound to is being deleted`;
    }
    if (k.secret && !(await this.get("secrets", k.namespace, k.secret))) return `secret ${k.namespace}/${k.secret.name} the token is bound to has been deleted`;
    return undefined;
  }

  /** The object when it exists with the uid the token recorded. */
  private async get(plural: string, namespace: string, ref: ObjectRef): Promise<StoredObject | undefined> {
    const rt = this.ctx.registry.lookup("", "v1", plural)!;
    const found = (await this.ctx.store.get(rt, namespace, ref.name))?.obj;
    return found && found.metadata.uid === ref.uid ? found : undefined;
  }

  private refuse(reason: string): undefined {
    this.ctx.log("service account token refused", { reason });
    return undefined;
  }
}
