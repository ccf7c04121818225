// Columns as SQLite returns them, and their conversion to log rows.
import type { Row } from "../log/row.ts";

/** Selects a full log row from table alias `t` (see RowColumns). */
export function rowColumns(t: string, as = ""): string {
  return [
    `${t}.id AS ${as}id`,
    `${t}.key AS ${as}key`,
    `${t}.created AS ${as}created`,
    `${t}.deleted AS ${as}deleted`,
    `${t}.create_revision AS ${as}createRevision`,
    `${t}.prev_revision AS ${as}prevRevision`,
    `${t}.value AS ${as}value`,
  ].join(", ");
}

export interface RowColumns {
  id: number;
  key: string;
  created: number;
  deleted: number;
  createRevision: number;
  prevRevision: number;
  value: string;
}

export function toRow(c: RowColumns): Row {
  return {
    id: c.id,
    key: c.key,
    created: c.created === 1,
    deleted: c.deleted === 1,
    createRevision: c.createRevision,
    prevRevision: c.prevRevision,
    value: c.value,
  };
}

/** The inclusive lower bound of keys under prefix that sort after startAfter ("" = none). */
export function lowerKey(prefix: string, startAfter: string): string {
  // In byte order the smallest string above s is s + NUL.
  const after = startAfter === "" ? "" : startAfter + "\0";
  return after > prefix ? after : prefix;
}
