// serviceaccounts/token: a TokenRequest (authentication.k8s.io/v1) answered with a signed token,
// as upstream's TokenREST: audiences default to the API server's, expirationSeconds to 3600 (at
// least 10 minutes), and a boundObjectRef to a Pod or Secret ties the token's life to that
// object (the authenticator checks it still exists with the same uid).
import type { Pod } from "kubernetes-types/core/v1";
import { cause, errors, StatusError, type StatusCause } from "../../../shared/api/errors.ts";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import { rfc3339 } from "../handlers/meta.ts";
import type { KubernetesClaim } from "./tokens.ts";

const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32 - 1;
/** What the ServiceAccount admission plugin asks for (upstream's WarnOnlyBoundTokenExpirationSeconds). */
const WARN_ONLY_EXPIRATION_SECONDS = 3607;
/** Upstream's ExpirationExtensionSeconds: a year. */
const EXTENDED_EXPIRATION_SECONDS = 365 * 24 * 60 * 60;

interface BoundObjectRef {
  kind?: string;
  apiVersion?: string;
  name?: string;
  uid?: string;
}

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: BoundObjectRef | null;
}

const invalid = (name: string, causes: StatusCause[]) => errors.invalid("TokenRequest", "authentication.k8s.io", name, causes);

async function getObject(info: RequestInfo, plural: string, namespace: string, name: string): Promise<StoredObject> {
  const rt = info.ctx.registry.lookup("", "v1", plural)!;
  const found = await info.ctx.store.get(rt, namespace, name);
  if (!found) throw errors.notFound({ group: "", resource: plural }, name);
  return found.obj;
}

/** The object the token is bound to, checked as upstream does, as claims. */
async function boundClaims(info: RequestInfo, namespace: string, sa: string, ref: BoundObjectRef): Promise<Partial<KubernetesClaim>> {
  const group = (ref.apiVersion ?? "v1").includes("/") ? ref.apiVersion!.split("/")[0] : "";
  if (group !== "" || (ref.kind !== "Pod" && ref.kind !== "Secret")) {
    throw errors.badRequest(`cannot bind token to object of type ${ref.apiVersion ?? ""}, Kind=${ref.kind ?? ""}`);
  }
  const obj = await getObject(info, ref.kind === "Pod" ? "pods" : "secrets", namespace, ref.name ?? "");
  if (ref.uid && ref.uid !== obj.metadata.uid) {
    throw new StatusError(409, "Conflict", `Operation cannot be fulfilled on ${ref.kind} "${ref.name}": the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
  }
  const self = { name: obj.metadata.name, uid: obj.metadata.uid };
  if (ref.kind === "Secret") return { secret: self };
  const pod = obj as StoredObject & Pod;
  if ((pod.spec?.serviceAccountName ?? "default") !== sa) {
    throw errors.badRequest(`cannot bind token for serviceaccount "${sa}" to pod running with different serviceaccount name.`);
  }
  const nodeName = pod.spec?.nodeName;
  if (!nodeName) return { pod: self };
  const node = await info.ctx.store.get(info.ctx.registry.lookup("", "v1", "nodes")!, undefined, nodeName);
  return { pod: self, ...(node ? { node: { name: nodeName, uid: node.obj.metadata.uid } } : {}) };
}

export async function createToken(info: RequestInfo, namespace: string, name: string, body: KubeObject): Promise<KubeObject> {
  const tokens = info.ctx.serviceAccounts;
  if (!tokens) throw errors.notImplemented("this API server was started without a service account signing key");
  if (body.kind !== undefined && body.kind !== "TokenRequest") throw errors.badRequest(`expected a TokenRequest, got kind "${body.kind}"`);
  const meta = (body.metadata ?? {}) as { name?: string; namespace?: string };
  if (meta.name && meta.name !== name) throw invalid(name, [cause.invalid("metadata.name", meta.name, "must match the service account name if specified")]);
  if (meta.namespace && meta.namespace !== namespace) throw invalid(name, [cause.invalid("metadata.namespace", meta.namespace, "must match the service account namespace if specified")]);
  const sa = await getObject(info, "serviceaccounts", namespace, name);

  const spec = { ...((body.spec ?? {}) as TokenRequestSpec) };
  if (!spec.audiences?.length) spec.audiences = [...tokens.apiAudiences];
  spec.expirationSeconds ??= DEFAULT_EXPIRATION_SECONDS;
  const exp = spec.expirationSeconds;
  if (!Number.isInteger(exp) || exp < MIN_EXPIRATION_SECONDS) throw invalid("", [cause.invalid("spec.expirationSeconds", exp, "may not specify a duration less than 10 minutes")]);
  if (exp > MAX_EXPIRATION_SECONDS) throw invalid("", [{ reason: "FieldValueTooLong", field: "spec.expirationSeconds", message: `Too long: may not be more than ${MAX_EXPIRATION_SECONDS} bytes` }]);
  const bound = spec.boundObjectRef ? await boundClaims(info, namespace, name, spec.boundObjectRef) : {};

  const now = info.ctx.now();
  const claim: KubernetesClaim = { namespace, serviceaccount: { name, uid: sa.metadata.uid }, ...bound };
  // Upstream's --service-account-extend-token-expiration (on by default): a pod's default token
  // for the API lives a year, so clients that never reread the file keep working, while the
  // answer still says 3607 s and the kubelet (here, the agent) replaces it on that schedule.
  const extend = !!bound.pod && exp === WARN_ONLY_EXPIRATION_SECONDS && spec.audiences.every((a) => tokens.apiAudiences.includes(a));
  const { token, claims } = await tokens.issue({ audiences: spec.audiences, expirationSeconds: extend ? EXTENDED_EXPIRATION_SECONDS : exp, claim, warnAfterSeconds: extend ? exp : undefined });
  return {
    kind: "TokenRequest",
    apiVersion: "authentication.k8s.io/v1",
    metadata: { name, namespace, creationTimestamp: rfc3339(now) },
    spec: { audiences: spec.audiences, expirationSeconds: exp, boundObjectRef: spec.boundObjectRef ?? null },
    status: { token, expirationTimestamp: rfc3339(new Date((claims.iat + exp) * 1000)) },
  };
}
