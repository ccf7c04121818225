// core/v1 ServiceAccount: a DNS subdomain name and named secret references.
import type { ServiceAccount } from "kubernetes-types/core/v1";
import type { Strategy } from "../registry/types.ts";
import { required } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";

export const serviceAccountStrategy: Strategy = {
  validate(obj) {
    const sa = obj as ServiceAccount;
    const causes = validateObjectMeta(obj, true);
    (sa.imagePullSecrets ?? []).forEach((r, i) => {
      if (!r.name) causes.push(required(`imagePullSecrets[${i}].name`));
    });
    return causes;
  },
};
