// Events (core/v1 and events.k8s.io/v1 share one column set, as upstream):
// Last Seen, Type, Reason, Object "pod/x", Message; wide adds Subobject, Source, First Seen, Count, Name.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { since } from "../duration.ts";
import { get, num, obj, str } from "../format.ts";
import { column, nameColumn, nameOf } from "./common.ts";

const present = (v: unknown) => typeof v === "string" && v !== "";

/** Normalizes the two Event versions to the core/v1 field names the printer reads. */
function coreView(ev: KubeObject): Record<string, unknown> {
  if (!String(ev.apiVersion ?? "").startsWith("events.k8s.io/")) return ev;
  const regarding = obj(ev.regarding);
  return {
    ...ev,
    involvedObject: regarding,
    message: ev.note,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
    source: ev.deprecatedSource,
  };
}

function eventSource(ev: Record<string, unknown>): string {
  const component = str(get(ev, "source.component")) || str(ev.reportingComponent) || str(ev.reportingController);
  const instance = str(get(ev, "source.host")) || str(ev.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

export function eventCells(raw: KubeObject, now: Date) {
  const ev = coreView(raw);
  const first = present(ev.firstTimestamp) ? since(ev.firstTimestamp, now) : since(ev.eventTime, now);
  let last = present(ev.lastTimestamp) ? since(ev.lastTimestamp, now) : first;
  let count = num(ev.count);
  const series = ev.series;
  if (series && typeof series === "object") {
    last = since(get(series, "lastObservedTime"), now);
    count = num(get(series, "count"));
  } else if (count === 0) {
    count = 1;
  }
  const involved = obj(ev.involvedObject);
  const kind = str(involved.kind).toLowerCase();
  const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
  return {
    last,
    type: str(ev.type),
    reason: str(ev.reason),
    target,
    subobject: str(involved.fieldPath),
    source: eventSource(ev),
    message: str(ev.message).trim(),
    first,
    count,
  };
}

export const eventPrinter: Printer = {
  columns: [
    column("Last Seen", "Time since the event was last observed."),
    column("Type", "Normal or Warning."),
    column("Reason", "Short machine-readable cause of the event."),
    column("Object", "The object the event is about, as kind/name."),
    column("Subobject", "Part of the object the event is about, e.g. a container.", { priority: 1 }),
    column("Source", "Component (and host) that reported the event.", { priority: 1 }),
    column("Message", "Human-readable description of the event."),
    column("First Seen", "Time since the event was first observed.", { priority: 1 }),
    column("Count", "How many times the event has occurred.", { priority: 1 }),
    { ...nameColumn, priority: 1 },
  ],
  cells(ev: KubeObject, ctx: PrintContext) {
    const c = eventCells(ev, ctx.now);
    return [c.last, c.type, c.reason, c.target, c.subobject, c.source, c.message, c.first, c.count, nameOf(ev)];
  },
};
