// Nodes: Status "Ready" / "NotReady" (+ ",SchedulingDisabled"), Roles from node-role labels.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { arr, get, obj, str } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf } from "./common.ts";

const ROLE_PREFIX = "node-role.kubernetes.io/";
const ROLE_LABEL = "kubernetes.io/role";

export function nodeStatus(node: KubeObject): string {
  const status: string[] = [];
  const ready = arr(get(node, "status.conditions")).find((c) => c.type === "Ready");
  if (ready) status.push(ready.status === "True" ? "Ready" : "NotReady");
  else status.push("Unknown");
  if (get(node, "spec.unschedulable") === true) status.push("SchedulingDisabled");
  return status.join(",");
}

export function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj(node.metadata?.labels))) {
    if (k.startsWith(ROLE_PREFIX)) {
      const role = k.slice(ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === ROLE_LABEL && v) {
      roles.add(String(v));
    }
  }
  return roles.size ? [...roles].sort().join(",") : "<none>";
}

function address(node: KubeObject, type: string): string {
  const a = arr(get(node, "status.addresses")).find((x) => x.type === type);
  return a ? str(a.address) : "<none>";
}

const info = (node: KubeObject, field: string) => str(get(node, `status.nodeInfo.${field}`));

export const nodePrinter: Printer = {
  columns: [
    nameColumn,
    column("Status", "Readiness of the node, and whether scheduling is disabled."),
    column("Roles", "Roles taken from node-role.kubernetes.io/<role> labels."),
    ageColumn,
    column("Version", "Kubelet version reported by the node."),
    column("Internal-IP", "First InternalIP address of the node.", { priority: 1 }),
    column("External-IP", "First ExternalIP address of the node.", { priority: 1 }),
    column("OS-Image", "Operating system image reported by the node.", { priority: 1 }),
    column("Kernel-Version", "Kernel version reported by the node.", { priority: 1 }),
    column("Container-Runtime", "Container runtime name and version.", { priority: 1 }),
  ],
  cells(node: KubeObject, ctx: PrintContext) {
    return [
      nameOf(node),
      nodeStatus(node),
      nodeRoles(node),
      ageOf(node, ctx),
      info(node, "kubeletVersion"),
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info(node, "osImage") || "<unknown>",
      info(node, "kernelVersion") || "<unknown>",
      info(node, "containerRuntimeVersion") || "<unknown>",
    ];
  },
};
