// selfsubjectreviews (authentication.k8s.io/v1): who the server takes the caller for, as
// `kubectl auth whoami` asks. Nothing is stored; every authenticated user may ask (upstream's
// system:basic-user role grants it to all).
import { errors } from "../../../shared/api/errors.ts";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { RequestInfo } from "../context.ts";
import type { ResourceType } from "../registry/types.ts";

export const isSelfSubjectReview = (rt: ResourceType) => rt.group === "authentication.k8s.io" && rt.plural === "selfsubjectreviews";

export function reviewSelf(info: RequestInfo, body: KubeObject): KubeObject {
  if (body.kind !== undefined && body.kind !== "SelfSubjectReview") throw errors.badRequest(`expected a SelfSubjectReview, got kind "${body.kind}"`);
  const { user } = info;
  return {
    kind: "SelfSubjectReview",
    apiVersion: "authentication.k8s.io/v1",
    metadata: {},
    status: { userInfo: { username: user.name, groups: [...user.groups] } },
  };
}
