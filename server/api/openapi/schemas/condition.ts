// The field list shared by the status conditions of many kinds (type, status, reason, message,
// lastTransitionTime); descriptions are kubun's own.
import type { FieldSpec } from "../dsl.ts";

export const conditionFields: Record<string, FieldSpec> = {
  lastTransitionTime: "Time; When the condition last changed status.",
  message: "string; Human-readable details about the last transition.",
  reason: "string; One-word CamelCase reason for the last transition.",
  status: "string; Status of the condition: True, False or Unknown.",
  type: "string; Type of the condition, e.g. Ready or Available.",
};
