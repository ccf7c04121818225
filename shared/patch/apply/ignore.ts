// Fields no manager ever owns: identity and server-set metadata (upstream's stripMeta list),
// plus the fields a resource resets for this endpoint (e.g. `status` on the main resource).
import { fieldToken } from "./path.ts";
import { FieldSet } from "./set.ts";

const IGNORED: string[][] = [
  ["apiVersion"],
  ["kind"],
  ["metadata", "name"],
  ["metadata", "namespace"],
  ["metadata", "creationTimestamp"],
  ["metadata", "selfLink"],
  ["metadata", "uid"],
  ["metadata", "clusterName"],
  ["metadata", "generation"],
  ["metadata", "managedFields"],
  ["metadata", "resourceVersion"],
];

const toTokens = (path: string[]) => path.map(fieldToken);

/** The ignored paths (with `resetFields`) as a set: each path owns its whole subtree. */
export function ignoredSet(resetFields: string[][] = []): FieldSet {
  return FieldSet.of(...[...IGNORED, ...resetFields].map(toTokens));
}

/** `set` without ignored paths, their subtrees, and without `.metadata` itself as a member. */
export function filterIgnored(set: FieldSet, resetFields: string[][] = []): FieldSet {
  let out = set.withoutMember([fieldToken("metadata")]);
  for (const path of [...IGNORED, ...resetFields]) out = out.withoutSubtree(toTokens(path));
  return out;
}
