// Events, core/v1 and events.k8s.io/v1. Core events keep upstream's legacy rules (any name; the
// involved object's namespace must match); events.k8s.io events get the strict ones. Both have
// the field selectors `kubectl get events --field-selector` and `describe` use.
import type { Event as CoreEvent } from "kubernetes-types/core/v1";
import type { Event as EventsEvent } from "kubernetes-types/events/v1";
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Strategy } from "../registry/types.ts";
import { cause, invalidEach, required, type StatusCause } from "./causes.ts";
import { validateObjectMeta } from "./meta.ts";
import { isQualifiedName } from "./names.ts";

const anyName = () => [];

function legacyNamespaceRule(eventNs: string | undefined, involvedNs: string | undefined, hasEventTime: boolean): StatusCause[] {
  const ns = eventNs ?? "";
  const inv = involvedNs ?? "";
  const ok = hasEventTime
    ? inv !== "" || ns === "default" || ns === "kube-system"
    : inv === "" ? ns === "" || ns === "default" : ns === inv;
  return ok ? [] : [cause.invalid("involvedObject.namespace", inv, "does not match event.namespace")];
}

/** The rules for events that carry eventTime ("new" events), with the given field names. */
function newEventRules(e: { reportingController?: string; reportingInstance?: string; action?: string; reason?: string; note?: string }, controllerField: string, noteField: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!e.reportingController) causes.push(required(controllerField));
  else causes.push(...invalidEach(controllerField, e.reportingController, isQualifiedName(e.reportingController)));
  if (!e.reportingInstance) causes.push(required("reportingInstance"));
  else if (e.reportingInstance.length > 128) causes.push(cause.invalid("reportingInstance", "", "can have at most 128 characters"));
  if (!e.action) causes.push(required("action"));
  else if (e.action.length > 128) causes.push(cause.invalid("action", "", "can have at most 128 characters"));
  if (!e.reason) causes.push(required("reason"));
  else if (e.reason.length > 128) causes.push(cause.invalid("reason", "", "can have at most 128 characters"));
  if ((e.note?.length ?? 0) > 1024) causes.push(cause.invalid(noteField, "", "can have at most 1024 characters"));
  return causes;
}

const ev = (o: KubeObject) => o as unknown as CoreEvent;

export const coreEventStrategy: Strategy = {
  validate(obj) {
    const e = ev(obj);
    const causes = validateObjectMeta(obj, true, { nameFn: anyName });
    causes.push(...legacyNamespaceRule(e.metadata?.namespace, e.involvedObject?.namespace, !!e.eventTime));
    if (e.eventTime) {
      const fields = { reportingController: e.reportingComponent, reportingInstance: e.reportingInstance, action: e.action, reason: e.reason, note: e.message };
      causes.push(...newEventRules(fields, "reportingComponent", "message"));
    }
    return causes;
  },
  fieldSelectors: {
    "involvedObject.kind": (o) => ev(o).involvedObject?.kind ?? "",
    "involvedObject.namespace": (o) => ev(o).involvedObject?.namespace ?? "",
    "involvedObject.name": (o) => ev(o).involvedObject?.name ?? "",
    "involvedObject.uid": (o) => ev(o).involvedObject?.uid ?? "",
    "involvedObject.apiVersion": (o) => ev(o).involvedObject?.apiVersion ?? "",
    "involvedObject.resourceVersion": (o) => ev(o).involvedObject?.resourceVersion ?? "",
    "involvedObject.fieldPath": (o) => ev(o).involvedObject?.fieldPath ?? "",
    reason: (o) => ev(o).reason ?? "",
    reportingComponent: (o) => ev(o).reportingComponent ?? "",
    source: (o) => ev(o).source?.component || ev(o).reportingComponent || "",
    type: (o) => ev(o).type ?? "",
  },
};

const ne = (o: KubeObject) => o as unknown as EventsEvent;

export const eventsEventStrategy: Strategy = {
  validate(obj) {
    const e = ne(obj);
    const causes = validateObjectMeta(obj, true);
    causes.push(...legacyNamespaceRule(e.metadata?.namespace, e.regarding?.namespace, !!e.eventTime));
    if (!e.eventTime) causes.push(required("eventTime"));
    causes.push(...newEventRules(e, "reportingController", "note"));
    if (e.type !== "Normal" && e.type !== "Warning") causes.push(cause.invalid("type", "", `has invalid value: ${e.type ?? ""}`));
    for (const f of ["deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount", "deprecatedSource"] as const) {
      const v = e[f];
      if (v !== undefined && v !== null && v !== 0 && !(typeof v === "object" && Object.keys(v).length === 0)) {
        causes.push(cause.invalid(f, "", "needs to be unset"));
      }
    }
    if (e.series) {
      if ((e.series.count ?? 0) < 2) causes.push(cause.invalid("series.count", "", "should be at least 2"));
      if (!e.series.lastObservedTime) causes.push(required("series.lastObservedTime"));
    }
    return causes;
  },
  fieldSelectors: {
    "regarding.kind": (o) => ne(o).regarding?.kind ?? "",
    "regarding.namespace": (o) => ne(o).regarding?.namespace ?? "",
    "regarding.name": (o) => ne(o).regarding?.name ?? "",
    "regarding.uid": (o) => ne(o).regarding?.uid ?? "",
    "regarding.apiVersion": (o) => ne(o).regarding?.apiVersion ?? "",
    "regarding.resourceVersion": (o) => ne(o).regarding?.resourceVersion ?? "",
    "regarding.fieldPath": (o) => ne(o).regarding?.fieldPath ?? "",
    reason: (o) => ne(o).reason ?? "",
    reportingController: (o) => ne(o).reportingController ?? "",
    type: (o) => ne(o).type ?? "",
  },
};
