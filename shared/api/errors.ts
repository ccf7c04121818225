// The one error type: it carries a Kubernetes Status and becomes a response at one place
// (server/api/respond.ts). Anything else thrown becomes a logged 500 there.

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, unknown>;
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Status {
    const s: Status = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) s.details = this.details;
    return s;
  }
}

/** The identity of a resource in messages: `deployments.apps` or `pods`. */
export interface ResourceRef {
  group: string;
  resource: string;
}

function qualified(r: ResourceRef): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export const errors = {
  notFound: (r: ResourceRef, name: string) =>
    new StatusError(404, "NotFound", `${qualified(r)} "${name}" not found`, {
      name,
      group: r.group,
      kind: r.resource,
    }),
  alreadyExists: (r: ResourceRef, name: string) =>
    new StatusError(409, "AlreadyExists", `${qualified(r)} "${name}" already exists`, {
      name,
      group: r.group,
      kind: r.resource,
    }),
  conflict: (r: ResourceRef, name: string, why = "the object has been modified; please apply your changes to the latest version and try again") =>
    new StatusError(409, "Conflict", `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, {
      name,
      group: r.group,
      kind: r.resource,
    }),
  /** 422: `kind` is the Kind (e.g. "Deployment"), group the API group. */
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) => {
    const k = group ? `${kind}.${group}` : kind;
    const list = causes.map((c) => `${c.field ? c.field + ": " : ""}${c.message ?? ""}`);
    const summary = list.length === 1 ? list[0] : `[${list.join(", ")}]`;
    return new StatusError(422, "Invalid", `${k} "${name}" is invalid: ${summary}`, {
      name,
      group,
      kind,
      causes,
    });
  },
  badRequest: (message: string) => new StatusError(400, "BadRequest", message),
  unauthorized: () => new StatusError(401, "Unauthorized", "Unauthorized"),
  forbidden: (message: string) => new StatusError(403, "Forbidden", message),
  methodNotAllowed: (message: string) => new StatusError(405, "MethodNotAllowed", message),
  notAcceptable: (message: string) => new StatusError(406, "NotAcceptable", message),
  gone: (message: string) => new StatusError(410, "Expired", message),
  tooLarge: (message = "Request entity too large: limit is 3145728") =>
    new StatusError(413, "RequestEntityTooLarge", message),
  unsupportedMediaType: (contentType: string, accepted = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"]) =>
    new StatusError(415, "UnsupportedMediaType", `the body of the request was in an unknown format (${contentType}) - accepted media types include: ${accepted.join(", ")}`),
  tooManyRequests: (message: string, retryAfterSeconds = 1) =>
    new StatusError(429, "TooManyRequests", message, { retryAfterSeconds }),
  internal: (message: string) => new StatusError(500, "InternalError", `Internal error occurred: ${message}`),
  notImplemented: (message: string) => new StatusError(501, "NotImplemented", message),
};

/** Field causes used by validation. */
export const cause = {
  required: (field: string): StatusCause => ({ reason: "FieldValueRequired", message: "Required value", field }),
  invalid: (field: string, value: unknown, detail: string): StatusCause => ({
    reason: "FieldValueInvalid",
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
    field,
  }),
  notSupported: (field: string, value: unknown, allowed: string[]): StatusCause => ({
    reason: "FieldValueNotSupported",
    message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map((a) => `"${a}"`).join(", ")}`,
    field,
  }),
  forbidden: (field: string, detail: string): StatusCause => ({ reason: "FieldValueForbidden", message: `Forbidden: ${detail}`, field }),
  immutable: (field: string): StatusCause => ({
    reason: "FieldValueInvalid",
    message: "field is immutable",
    field,
  }),
  duplicate: (field: string, value: unknown): StatusCause => ({
    reason: "FieldValueDuplicate",
    message: `Duplicate value: ${JSON.stringify(value)}`,
    field,
  }),
};
