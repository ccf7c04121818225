// rbac.authorization.k8s.io/v1 role bindings. Roles and cluster roles have no printer upstream and
// use the default Name / Created At columns (see defaults.ts).
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { arr, get, str } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf } from "./common.ts";

function subjects(binding: KubeObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of arr(binding.subjects)) {
    if (s.kind === "User") users.push(str(s.name));
    else if (s.kind === "Group") groups.push(str(s.name));
    else if (s.kind === "ServiceAccount") serviceAccounts.push(`${str(s.namespace)}/${str(s.name)}`);
  }
  return [users.join(", "), groups.join(", "), serviceAccounts.join(", ")];
}

function bindingPrinter(what: string): Printer {
  return {
    columns: [
      nameColumn,
      column("Role", "The bound role, as Kind/name."),
      ageColumn,
      column("Users", `Users in the ${what}.`, { priority: 1 }),
      column("Groups", `Groups in the ${what}.`, { priority: 1 }),
      column("ServiceAccounts", `Service accounts in the ${what}, as namespace/name.`, { priority: 1 }),
    ],
    cells(b: KubeObject, ctx: PrintContext) {
      const role = `${str(get(b, "roleRef.kind"))}/${str(get(b, "roleRef.name"))}`;
      return [nameOf(b), role, ageOf(b, ctx), ...subjects(b)];
    },
  };
}

export const roleBindingPrinter = bindingPrinter("role binding");
export const clusterRoleBindingPrinter = bindingPrinter("cluster role binding");
