// The meta.k8s.io/v1 Table that kubectl asks for with `Accept: application/json;as=Table;…`.
// kubectl prints the cells verbatim, so every cell is computed here on the server.
import type { KubeObject } from "../../../shared/api/object.ts";

export type TableApiVersion = "meta.k8s.io/v1" | "meta.k8s.io/v1beta1";

export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type of the cell: string, integer, number, boolean or date. */
  type: string;
  /** "name" marks the column kubectl prefixes with `kind/` in multi-type output. */
  format: string;
  description: string;
  /** 0 = always shown; >0 = only with `-o wide`. */
  priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: "PartialObjectMetadata";
  apiVersion: TableApiVersion;
  metadata: Record<string, unknown>;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: PartialObjectMetadata | KubeObject;
}

export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: "Table";
  apiVersion: TableApiVersion;
  metadata: TableListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export type IncludeObject = "None" | "Metadata" | "Object";

/** What a printer needs besides the object: the clock, injected so tests control it. */
export interface PrintContext {
  now: Date;
}

/** The column set and cell function for one (group, kind). */
export interface Printer {
  columns: TableColumnDefinition[];
  cells(obj: KubeObject, ctx: PrintContext): TableCell[];
  /** Row conditions, e.g. pods that completed. */
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}
