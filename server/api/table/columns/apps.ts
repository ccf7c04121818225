// apps/v1 workloads: deployments, replicasets, statefulsets, daemonsets, controllerrevisions.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { arr, containerCells, formatLabels, formatLabelSelector, get, num, selectorString, str } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf, wideSelectorColumn, wideTemplateColumns } from "./common.ts";

const podSpec = (o: KubeObject) => get(o, "spec.template.spec");
const replicasOf = (o: KubeObject) => num(get(o, "spec.replicas"), 1);

export const deploymentPrinter: Printer = {
  columns: [
    nameColumn,
    column("Ready", "Ready pods out of the desired replicas."),
    column("Up-to-date", "Pods running the latest pod template."),
    column("Available", "Pods that have been ready for at least minReadySeconds."),
    ageColumn,
    ...wideTemplateColumns,
    wideSelectorColumn,
  ],
  cells(d: KubeObject, ctx: PrintContext) {
    return [
      nameOf(d),
      `${num(get(d, "status.readyReplicas"))}/${replicasOf(d)}`,
      num(get(d, "status.updatedReplicas")),
      num(get(d, "status.availableReplicas")),
      ageOf(d, ctx),
      ...containerCells(podSpec(d)),
      selectorString(get(d, "spec.selector")),
    ];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn,
    column("Desired", "Number of pods the replica set should run.", { type: "integer" }),
    column("Current", "Number of pods currently owned by the replica set.", { type: "integer" }),
    column("Ready", "Number of owned pods that are ready.", { type: "integer" }),
    ageColumn,
    ...wideTemplateColumns,
    wideSelectorColumn,
  ],
  cells(rs: KubeObject, ctx: PrintContext) {
    return [
      nameOf(rs),
      replicasOf(rs),
      num(get(rs, "status.replicas")),
      num(get(rs, "status.readyReplicas")),
      ageOf(rs, ctx),
      ...containerCells(podSpec(rs)),
      formatLabelSelector(get(rs, "spec.selector")),
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [nameColumn, column("Ready", "Ready pods out of the desired replicas."), ageColumn, ...wideTemplateColumns],
  cells(ss: KubeObject, ctx: PrintContext) {
    return [
      nameOf(ss),
      `${num(get(ss, "status.readyReplicas"))}/${replicasOf(ss)}`,
      ageOf(ss, ctx),
      ...containerCells(podSpec(ss)),
    ];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn,
    column("Desired", "Nodes that should run the daemon pod.", { type: "integer" }),
    column("Current", "Nodes running at least one daemon pod.", { type: "integer" }),
    column("Ready", "Nodes whose daemon pod is ready.", { type: "integer" }),
    column("Up-to-date", "Nodes running the latest daemon pod template.", { type: "integer" }),
    column("Available", "Nodes whose daemon pod is available.", { type: "integer" }),
    column("Node Selector", "Node labels a node needs to run the daemon pod."),
    ageColumn,
    ...wideTemplateColumns,
    wideSelectorColumn,
  ],
  cells(ds: KubeObject, ctx: PrintContext) {
    return [
      nameOf(ds),
      num(get(ds, "status.desiredNumberScheduled")),
      num(get(ds, "status.currentNumberScheduled")),
      num(get(ds, "status.numberReady")),
      num(get(ds, "status.updatedNumberScheduled")),
      num(get(ds, "status.numberAvailable")),
      formatLabels(get(ds, "spec.template.spec.nodeSelector")),
      ageOf(ds, ctx),
      ...containerCells(podSpec(ds)),
      formatLabelSelector(get(ds, "spec.selector")),
    ];
  },
};

/** `statefulset.apps/web` for the controlling owner reference, or "<none>". */
export function controllerName(o: KubeObject): string {
  const ref = arr(o.metadata?.ownerReferences).find((r) => r.controller === true);
  if (!ref) return "<none>";
  const apiVersion = str(ref.apiVersion);
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const kind = str(ref.kind);
  if (!kind) return str(ref.name);
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${str(ref.name)}`;
}

export const controllerRevisionPrinter: Printer = {
  columns: [
    nameColumn,
    column("Controller", "The object that owns this revision."),
    column("Revision", "Revision number of the stored state."),
    ageColumn,
  ],
  cells(cr: KubeObject, ctx: PrintContext) {
    return [nameOf(cr), controllerName(cr), num(cr.revision), ageOf(cr, ctx)];
  },
};
