// Leases, pod disruption budgets and horizontal pod autoscalers.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { arr, get, intOrString, num, obj, str, type Obj } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf } from "./common.ts";

export const leasePrinter: Printer = {
  columns: [nameColumn, column("Holder", "Identity of the current lease holder."), ageColumn],
  cells: (l, ctx) => [nameOf(l), str(get(l, "spec.holderIdentity")), ageOf(l, ctx)],
};

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameColumn,
    column("Min Available", "Pods that must stay available during voluntary disruptions."),
    column("Max Unavailable", "Pods that may be unavailable during voluntary disruptions."),
    column("Allowed Disruptions", "Pods that may be evicted right now.", { type: "integer" }),
    ageColumn,
  ],
  cells(pdb: KubeObject, ctx: PrintContext) {
    const min = get(pdb, "spec.minAvailable");
    const max = get(pdb, "spec.maxUnavailable");
    return [
      nameOf(pdb),
      min == null ? "N/A" : intOrString(min),
      max == null ? "N/A" : intOrString(max),
      num(get(pdb, "status.disruptionsAllowed")),
      ageOf(pdb, ctx),
    ];
  },
};

const quantity = (v: unknown) => (v == null ? "<unknown>" : String(v));

/** One metric as "current/target", the way the HPA Targets column shows it. */
function formatMetric(spec: Obj, status: Obj | undefined): string {
  switch (spec.type) {
    case "Resource":
    case "ContainerResource": {
      const key = spec.type === "Resource" ? "resource" : "containerResource";
      const src = obj(spec[key]);
      const cur = obj(get(status, `${key}.current`));
      const target = obj(src.target);
      if (target.averageValue != null) {
        const current = status?.[key] ? quantity(cur.averageValue) : "<unknown>";
        return `${str(src.name)}: ${current}/${String(target.averageValue)}`;
      }
      const current = cur.averageUtilization != null ? `${num(cur.averageUtilization)}%` : "<unknown>";
      const goal = target.averageUtilization != null ? `${num(target.averageUtilization)}%` : "<auto>";
      return `${str(src.name)}: ${current}/${goal}`;
    }
    case "Pods": {
      const current = status?.pods ? quantity(get(status, "pods.current.averageValue")) : "<unknown>";
      return `${current}/${String(get(spec, "pods.target.averageValue"))}`;
    }
    case "Object":
    case "External": {
      const key = spec.type === "Object" ? "object" : "external";
      const target = obj(get(spec, `${key}.target`));
      const cur = obj(get(status, `${key}.current`));
      if (target.averageValue != null) {
        const current = status?.[key] && cur.averageValue != null ? String(cur.averageValue) : "<unknown>";
        return `${current}/${String(target.averageValue)} (avg)`;
      }
      const current = status?.[key] ? quantity(cur.value) : "<unknown>";
      return `${current}/${String(target.value)}`;
    }
  }
  return "<unknown type>";
}

export function hpaTargets(hpa: KubeObject): string {
  const specs = arr(get(hpa, "spec.metrics"));
  if (specs.length === 0) return "<none>";
  const statuses = arr(get(hpa, "status.currentMetrics"));
  const list = specs.map((s, i) => formatMetric(s, statuses[i]));
  const max = 2;
  if (list.length <= max) return list.join(", ");
  return `${list.slice(0, max).join(", ")} + ${list.length - max} more...`;
}

export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    nameColumn,
    column("Reference", "The scaled workload, as Kind/name."),
    column("Targets", "Current and target values of each metric."),
    column("MinPods", "Lower bound for the replica count."),
    column("MaxPods", "Upper bound for the replica count."),
    column("Replicas", "Current replica count."),
    ageColumn,
  ],
  cells(hpa: KubeObject, ctx: PrintContext) {
    const min = get(hpa, "spec.minReplicas");
    return [
      nameOf(hpa),
      `${str(get(hpa, "spec.scaleTargetRef.kind"))}/${str(get(hpa, "spec.scaleTargetRef.name"))}`,
      hpaTargets(hpa),
      typeof min === "number" ? String(min) : "<unset>",
      num(get(hpa, "spec.maxReplicas")),
      num(get(hpa, "status.currentReplicas")),
      ageOf(hpa, ctx),
    ];
  },
};
