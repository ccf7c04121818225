// core/v1 Secret: type Opaque by default, `stringData` folded into base64 `data` (as upstream's
// conversion does), valid keys and base64, the keys each well-known type needs, at most 1 MiB,
// an immutable type, and frozen data once `immutable: true`.
import type { Secret } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, required, tooLong, type StatusCause } from "./causes.ts";
import { base64Length, immutableContent, maxDataSize } from "./configmap.ts";
import { validateObjectMeta } from "./meta.ts";
import { isConfigMapKey } from "./names.ts";

export function defaultSecret(s: Secret) {
  s.type ||= "Opaque";
  if (s.stringData) {
    const data = (s.data ??= {});
    for (const [k, v] of Object.entries(s.stringData)) data[k] = Buffer.from(String(v), "utf8").toString("base64");
    delete s.stringData;
  }
}

const redacted = "<secret contents redacted>";

function decode(v: string | undefined): string | undefined {
  return v === undefined || base64Length(v) === undefined ? undefined : Buffer.from(v, "base64").toString("utf8");
}

function typeRules(s: Secret): StatusCause[] {
  const data = s.data ?? {};
  const has = (k: string) => k in data;
  const causes: StatusCause[] = [];
  const jsonKey = (key: string) => {
    if (!has(key)) return causes.push(required(`data[${key}]`));
    try {
      JSON.parse(decode(data[key]) ?? "");
    } catch (e) {
      causes.push(cause.invalid(`data[${key}]`, redacted, (e as Error).message));
    }
  };
  switch (s.type) {
    case "kubernetes.io/service-account-token":
      if (!s.metadata?.annotations?.["kubernetes.io/service-account.name"]) {
        causes.push(required("metadata.annotations[kubernetes.io/service-account.name]"));
      }
      break;
    case "kubernetes.io/dockercfg":
      jsonKey(".dockercfg");
      break;
    case "kubernetes.io/dockerconfigjson":
      jsonKey(".dockerconfigjson");
      break;
    case "kubernetes.io/basic-auth":
      if (!has("username") && !has("password")) causes.push(required("data[username]"), required("data[password]"));
      break;
    case "kubernetes.io/ssh-auth":
      if (!data["ssh-privatekey"]) causes.push(required("data[ssh-privatekey]"));
      break;
    case "kubernetes.io/tls":
      if (!has("tls.crt")) causes.push(required("data[tls.crt]"));
      if (!has("tls.key")) causes.push(required("data[tls.key]"));
      break;
  }
  return causes;
}

function validateSecret(obj: KubeObject): StatusCause[] {
  const s = obj as Secret;
  const causes = validateObjectMeta(obj, true);
  let size = 0;
  for (const [k, v] of Object.entries(s.data ?? {})) {
    causes.push(...invalidEach(`data[${k}]`, k, isConfigMapKey(k)));
    const n = base64Length(v);
    if (n === undefined) causes.push(cause.invalid(`data[${k}]`, redacted, "must be base64-encoded"));
    size += n ?? 0;
  }
  if (size > maxDataSize) causes.push(tooLong("data", maxDataSize));
  causes.push(...typeRules(s));
  return causes;
}

export const secretStrategy: Strategy = {
  defaults: (obj) => defaultSecret(obj as Secret),
  validate: validateSecret,
  validateUpdate(obj, old) {
    const causes = (obj as Secret).type === (old as Secret).type ? [] : [cause.immutable("type")];
    return [...causes, ...immutableContent(obj, old, ["data"])];
  },
  fieldSelectors: {
    type: (o) => (o as Secret).type ?? "",
  },
};
