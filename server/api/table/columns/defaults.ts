// Fallback column sets: "Name, Created At" for built-in kinds upstream prints with its default
// table convertor (roles, limit ranges, CRDs), "Name, Age" for everything else.
import type { Printer } from "../types.ts";
import { rfc3339 } from "../duration.ts";
import { ageColumn, ageOf, createdAtColumn, nameColumn, nameOf } from "./common.ts";

export const createdAtPrinter: Printer = {
  columns: [nameColumn, createdAtColumn],
  cells: (o) => [nameOf(o), rfc3339(o.metadata?.creationTimestamp)],
};

export const nameAgePrinter: Printer = {
  columns: [nameColumn, ageColumn],
  cells: (o, ctx) => [nameOf(o), ageOf(o, ctx)],
};
