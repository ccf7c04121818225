// Column-definition helpers shared by the per-kind printers.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, TableColumnDefinition } from "../types.ts";
import { since } from "../duration.ts";

export interface ColumnOptions {
  type?: string;
  format?: string;
  /** 1 = shown only with `-o wide`. */
  priority?: number;
}

export function column(name: string, description: string, opts: ColumnOptions = {}): TableColumnDefinition {
  return {
    name,
    type: opts.type ?? "string",
    format: opts.format ?? "",
    description,
    priority: opts.priority ?? 0,
  };
}

export const nameColumn = column("Name", "Name of the object, unique within its namespace (or cluster).", {
  format: "name",
});
export const ageColumn = column("Age", "Time since the object was created (metadata.creationTimestamp).");
export const createdAtColumn = column("Created At", "When the object was created (metadata.creationTimestamp).", {
  type: "date",
});

export const wideTemplateColumns = [
  column("Containers", "Names of the containers in the pod template.", { priority: 1 }),
  column("Images", "Images used by the containers in the pod template.", { priority: 1 }),
];
export const wideSelectorColumn = column("Selector", "Label selector matching the managed pods.", { priority: 1 });

export function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? "";
}

export function ageOf(obj: KubeObject, ctx: PrintContext): string {
  return since(obj.metadata?.creationTimestamp, ctx.now);
}
