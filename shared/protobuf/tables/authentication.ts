// authentication.k8s.io/v1: TokenRequest (kubectl create token), SelfSubjectReview (kubectl auth whoami),
// TokenReview (k8s.io/api authentication/v1/generated.proto). "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const authentication: GroupSpec = {
  TokenRequest: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "TokenRequestSpec"],
    3: ["status", "TokenRequestStatus"],
  },
  TokenRequestSpec: {
    1: ["audiences", "[]string"],
    4: ["expirationSeconds", "int64", "ptr"],
    3: ["boundObjectRef", "BoundObjectReference"],
  },
  BoundObjectReference: {
    1: ["kind", "string"],
    2: ["apiVersion", "string"],
    3: ["name", "string"],
    4: ["uid", "string"],
  },
  TokenRequestStatus: {
    1: ["token", "string", "req"],
    2: ["expirationTimestamp", "Time"],
  },
  SelfSubjectReview: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["status", "SelfSubjectReviewStatus"],
  },
  SelfSubjectReviewStatus: {
    1: ["userInfo", "UserInfo"],
  },
  UserInfo: {
    1: ["username", "string"],
    2: ["uid", "string"],
    3: ["groups", "[]string"],
    4: ["extra", "map[string]StringList"],
  },
  TokenReview: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "TokenReviewSpec"],
    3: ["status", "TokenReviewStatus"],
  },
  TokenReviewSpec: {
    1: ["token", "string"],
    2: ["audiences", "[]string"],
  },
  TokenReviewStatus: {
    1: ["authenticated", "bool"],
    2: ["user", "UserInfo"],
    4: ["audiences", "[]string"],
    3: ["error", "string"],
  },
};
