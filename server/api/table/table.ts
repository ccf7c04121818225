// Builds the meta.k8s.io Table for a list, a single object or one watch event.
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import type { ResourceType } from "../registry/types.ts";
import { builtinPrinter } from "./columns/index.ts";
import { customResourcePrinter, type PrinterColumn } from "./columns/custom.ts";
import { nameAgePrinter } from "./columns/defaults.ts";
import type { IncludeObject, Printer, Table, TableApiVersion, TableListMeta, TableRow } from "./types.ts";

export interface ToTableOptions {
  /** What each row carries in `object`; default Metadata (a PartialObjectMetadata). */
  includeObject?: IncludeObject;
  now: Date;
  /** List metadata; without it a single object's resourceVersion is used. */
  listMeta?: TableListMeta;
  /** Leave columnDefinitions empty, e.g. for watch events after the first. */
  omitColumns?: boolean;
  /** For custom resources: the CRD version's additionalPrinterColumns (else read from the row). */
  printerColumns?: PrinterColumn[];
  apiVersion?: TableApiVersion;
}

/** A ResourceType that may carry the CRD version's printer columns. */
type WithPrinterColumns = ResourceType & { additionalPrinterColumns?: PrinterColumn[] };

const crdPrinters = new WeakMap<object, Printer>();

/** The printer for a resource: built-in columns, CRD printer columns, or Name + Age. */
export function printerFor(rt: ResourceType, printerColumns?: PrinterColumn[]): Printer {
  const builtin = builtinPrinter(rt.group, rt.kind);
  if (builtin) return builtin;
  const columns = printerColumns ?? (rt as WithPrinterColumns).additionalPrinterColumns;
  if (!columns && !rt.crdSchema) return nameAgePrinter;
  const key = printerColumns ?? rt;
  let printer = crdPrinters.get(key);
  if (!printer) {
    printer = customResourcePrinter(columns);
    crdPrinters.set(key, printer);
  }
  return printer;
}

function rowObject(o: KubeObject, include: IncludeObject, apiVersion: TableApiVersion): TableRow["object"] {
  if (include === "None") return undefined;
  if (include === "Object") return o;
  const { managedFields: _dropped, ...metadata } = o.metadata ?? {};
  return { kind: "PartialObjectMetadata", apiVersion, metadata };
}

export function toTable(rt: ResourceType, objects: StoredObject[], opts: ToTableOptions): Table {
  const printer = printerFor(rt, opts.printerColumns);
  const apiVersion = opts.apiVersion ?? "meta.k8s.io/v1";
  const include = opts.includeObject ?? "Metadata";
  const ctx = { now: opts.now };
  const rows = objects.map((o): TableRow => {
    const row: TableRow = { cells: printer.cells(o, ctx) };
    const conditions = printer.conditions?.(o);
    if (conditions) row.conditions = conditions;
    const object = rowObject(o, include, apiVersion);
    if (object) row.object = object;
    return row;
  });
  return {
    kind: "Table",
    apiVersion,
    metadata: tableMeta(objects, opts.listMeta),
    columnDefinitions: opts.omitColumns ? [] : printer.columns,
    rows,
  };
}

/** Only the list-meta fields (callers may pass their whole page object). */
function tableMeta(objects: StoredObject[], listMeta: TableListMeta | undefined): TableListMeta {
  if (!listMeta) return objects.length === 1 ? { resourceVersion: objects[0]!.metadata.resourceVersion } : {};
  const meta: TableListMeta = {};
  if (listMeta.resourceVersion !== undefined) meta.resourceVersion = listMeta.resourceVersion;
  if (listMeta.continue !== undefined) meta.continue = listMeta.continue;
  if (listMeta.remainingItemCount !== undefined) meta.remainingItemCount = listMeta.remainingItemCount;
  return meta;
}
/** One watch event's object as a Table with a single row; columns only on the first event. */
export function toTableEvent(
  rt: ResourceType,
  object: StoredObject,
  opts: ToTableOptions & { first: boolean },
): Table {
  return toTable(rt, [object], { ...opts, omitColumns: !opts.first });
}
