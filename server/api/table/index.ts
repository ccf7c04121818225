// Server-side Table output (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`).
export { toTable, toTableEvent, printerFor, type ToTableOptions } from "./table.ts";
export { humanDuration, since } from "./duration.ts";
export type { PrinterColumn } from "./columns/custom.ts";
export type * from "./types.ts";
