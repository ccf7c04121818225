// The 409 an apply answers when it would change fields other managers own, worded as upstream:
//   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
import { StatusError, type StatusCause } from "../../api/errors.ts";
import type { Managed } from "./managed.ts";
import { prettyPath } from "./path.ts";
import type { FieldSet } from "./set.ts";

export interface Conflict {
  owner: Managed;
  fields: FieldSet;
}

/** `"name"`, `"name" with subresource "status"`, plus `using <apiVersion>` for Update owners. */
export function describeManager(m: Managed): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === "Update") s += ` using ${m.apiVersion}`;
  return s;
}

export function conflictError(conflicts: Conflict[]): StatusError {
  const sorted = [...conflicts].sort((a, b) => {
    const x = describeManager(a.owner);
    const y = describeManager(b.owner);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rows = sorted.flatMap((c) => c.fields.paths().map((p) => ({ who: describeManager(c.owner), field: prettyPath(p) })));
  const causes: StatusCause[] = rows.map((r) => ({ reason: "FieldManagerConflict", message: `conflict with ${r.who}`, field: r.field }));
  let message: string;
  if (rows.length === 1) {
    const only = rows[0] as { who: string; field: string };
    message = `Apply failed with 1 conflict: conflict with ${only.who}: ${only.field}`;
  } else {
    const lines = sorted.flatMap((c) => [
      `conflicts with ${describeManager(c.owner)}:`,
      ...c.fields.paths().map((p) => `- ${prettyPath(p)}`),
    ]);
    message = `Apply failed with ${rows.length} conflicts: ${lines.join("\n")}`;
  }
  return new StatusError(409, "Conflict", message, { causes });
}
