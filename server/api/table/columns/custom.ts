// Custom resources: the Name column plus the CRD version's additionalPrinterColumns, read with a
// small JSONPath subset (`.spec.foo`, `.status.items[0].x`, `.metadata.labels['app.kubernetes.io/name']`).
import type { KubeObject } from "../../../../shared/api/object.ts";
import { isPlainObject } from "../../../../shared/api/object.ts";
import type { Printer, TableCell, TableColumnDefinition } from "../types.ts";
import { since } from "../duration.ts";
import { nameColumn, nameOf } from "./common.ts";

/** apiextensions.k8s.io/v1 CustomResourceColumnDefinition. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: "Age",
    type: "date",
    jsonPath: ".metadata.creationTimestamp",
    description: "Time since the object was created (metadata.creationTimestamp).",
  },
];

type Step = { key: string } | { index: number } | { all: true };

/** Parses the supported JSONPath subset; throws on anything else. Braces `{…}` are optional. */
export function parseJsonPath(path: string): Step[] {
  let p = path.trim();
  if (p.startsWith("{") && p.endsWith("}")) p = p.slice(1, -1).trim();
  if (p.startsWith("$")) p = p.slice(1);
  const steps: Step[] = [];
  const re = /^(?:\.([A-Za-z0-9_-]+)|\[(\d+)\]|\[\*\]|\.\*|\[['"]([^'"]+)['"]\])/;
  while (p.length) {
    const m = re.exec(p);
    if (!m) throw new Error(`unsupported JSONPath ${JSON.stringify(path)} at ${JSON.stringify(p)}`);
    if (m[1] !== undefined) steps.push({ key: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ key: m[3] });
    else steps.push({ all: true });
    p = p.slice(m[0].length);
  }
  return steps;
}

/** All values the path selects, in document order. */
export function evalJsonPath(root: unknown, steps: Step[]): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if ("key" in step) {
        if (isPlainObject(v) && step.key in v) next.push(v[step.key]);
      } else if ("index" in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (Array.isArray(v)) next.push(...v);
      else if (isPlainObject(v)) next.push(...Object.values(v));
    }
    current = next;
  }
  return current;
}

function printValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function cellFor(type: string, v: unknown, now: Date): TableCell {
  if (v === null || v === undefined) return null;
  switch (type) {
    case "string":
      return printValue(v);
    case "integer":
      return typeof v === "number" ? Math.trunc(v) : null;
    case "number":
      return typeof v === "number" ? v : null;
    case "boolean":
      return typeof v === "boolean" ? v : null;
    case "date":
      if (typeof v !== "string") return null;
      return Number.isNaN(Date.parse(v)) ? "<invalid>" : since(v, now);
  }
  return null;
}

/** A printer for one CRD version; columns with unparsable paths print empty cells. */
export function customResourcePrinter(columns: PrinterColumn[] | undefined): Printer {
  const cols = columns && columns.length ? columns : DEFAULT_COLUMNS;
  const paths = cols.map((c) => {
    try {
      return parseJsonPath(c.jsonPath);
    } catch {
      return undefined;
    }
  });
  const definitions: TableColumnDefinition[] = cols.map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? "",
    description: c.description || `Printer column read from ${c.jsonPath}.`,
    priority: c.priority ?? 0,
  }));
  return {
    columns: [nameColumn, ...definitions],
    cells(o: KubeObject, ctx) {
      const cells: TableCell[] = [nameOf(o)];
      cols.forEach((c, i) => {
        const steps = paths[i];
        const found = steps ? evalJsonPath(o, steps) : [];
        cells.push(found.length ? cellFor(c.type, found[0], ctx.now) : null);
      });
      return cells;
    },
  };
}
