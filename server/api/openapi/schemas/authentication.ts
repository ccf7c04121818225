// Schema data: authentication.k8s.io/v1 — TokenRequest (the serviceaccounts/token subresource)
// and SelfSubjectReview (`kubectl auth whoami`). Field names and types follow the upstream API;
// the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.authentication.v1",
    types: {
      TokenRequest: {
        d: "A request for a service account token.",
        req: ["spec"],
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Name and namespace of the service account.",
          spec: "TokenRequestSpec; What the token is for and how long it lives.",
          status: "TokenRequestStatus; The token, filled in by the server.",
        },
      },
      TokenRequestSpec: {
        d: "Parameters of a token request.",
        req: ["audiences"],
        f: {
          audiences: "[]string; Who the token is meant for; the API server's audiences when empty.",
          boundObjectRef: "BoundObjectReference; A Pod or Secret whose deletion revokes the token.",
          expirationSeconds: "int64; Requested lifetime in seconds, at least 600.",
        },
      },
      TokenRequestStatus: {
        d: "The issued token.",
        req: ["token", "expirationTimestamp"],
        f: {
          expirationTimestamp: "Time; When the token expires.",
          token: "string; The bearer token.",
        },
      },
      BoundObjectReference: {
        d: "The object a token is bound to.",
        f: {
          apiVersion: "string; API version of the object.",
          kind: "string; Pod or Secret.",
          name: "string; Name of the object.",
          uid: "string; UID of the object.",
        },
      },
      SelfSubjectReview: {
        d: "Who the API server takes the requester for.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          status: "SelfSubjectReviewStatus; The requester's user information, filled in by the server.",
        },
      },
      SelfSubjectReviewStatus: {
        d: "The result of a self subject review.",
        f: {
          userInfo: "UserInfo; The requester's user information.",
        },
      },
      UserInfo: {
        d: "An authenticated user.",
        f: {
          groups: "[]string; Groups the user is in.",
          uid: "string; A unique identity of the user.",
          username: "string; The user's name.",
        },
      },
    },
  },
];
