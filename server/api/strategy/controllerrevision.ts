// apps/v1 ControllerRevision: a non-negative revision and data that never changes.
import type { ControllerRevision } from "kubernetes-types/apps/v1";
import type { Strategy } from "../registry/types.ts";
import { cause, nonNegative, required } from "./causes.ts";
import { semanticEqual } from "./equality.ts";
import { validateObjectMeta } from "./meta.ts";

const asRev = (o: unknown) => o as ControllerRevision;

export const controllerRevisionStrategy: Strategy = {
  validate(obj) {
    const causes = [...validateObjectMeta(obj, true), ...nonNegative(asRev(obj).revision, "revision")];
    if (asRev(obj).data == null) causes.push(required("data", "data is mandatory"));
    return causes;
  },
  validateUpdate: (obj, old) => (semanticEqual(asRev(obj).data, asRev(old).data) ? [] : [cause.immutable("data")]),
};
