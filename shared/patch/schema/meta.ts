// meta/v1 types shared by every kind.
import { atomicList, mergeBy, primitiveMerge, type SchemaTable } from "./types.ts";

export const metaTypes: SchemaTable = {
  ObjectMeta: {
    ownerReferences: mergeBy("uid", "OwnerReference"),
    finalizers: primitiveMerge(),
    managedFields: atomicList("ManagedFieldsEntry"),
  },
  OwnerReference: {},
  LabelSelector: {
    matchExpressions: atomicList(),
  },
  Condition: {},
};

/** The root fields every object has. */
export const objectRoot = { metadata: { type: "ObjectMeta", always: true } };
