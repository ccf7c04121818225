// Schema data: meta/v1 object metadata, lists, options and status.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.apimachinery.pkg.apis.meta.v1",
    types: {
      DeleteOptions: {
        d: "Options for a delete request: grace period, preconditions and propagation policy.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          dryRun: "[]string; When set to All, validate and process the request without persisting it.",
          gracePeriodSeconds: "int64; Seconds before the object is deleted; 0 deletes immediately.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          orphanDependents: "boolean; Deprecated; use propagationPolicy=Orphan.",
          preconditions: "Preconditions; Conditions (uid, resourceVersion) that must hold for the delete to proceed.",
          propagationPolicy: "string; How dependents are handled: Orphan, Background or Foreground.",
        },
      },
      Status: {
        d: "Result of an operation that does not return an object, usually an error.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          code: "int32; HTTP status code of the result.",
          details: "StatusDetails; Extra data about the failure, such as the object and the failing fields.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          message: "string; Human-readable description of the result.",
          metadata: "ListMeta; Standard list metadata.",
          reason: "string; Machine-readable CamelCase reason, e.g. NotFound or AlreadyExists.",
          status: "string; Success or Failure.",
        },
      },
      ListMeta: {
        d: "Metadata of a list response: resource version and paging token.",
        f: {
          continue: "string; Token to fetch the next page of a paged list; empty on the last page.",
          remainingItemCount: "int64; Number of items after this page, when the server knows it.",
          resourceVersion: "string; Resource version the list was read at; watch from here to see later changes.",
          selfLink: "string; Deprecated; no longer set.",
        },
      },
      ObjectMeta: {
        d: "Metadata every persisted object has: name, namespace, labels, annotations, owners and bookkeeping fields.",
        f: {
          annotations: "{}string; Arbitrary non-identifying key/value data attached to the object.",
          creationTimestamp: "Time; When the object was created; set by the server, read-only.",
          deletionGracePeriodSeconds: "int64; Seconds allowed for graceful termination once deletion was requested; read-only.",
          deletionTimestamp: "Time; When the object will be (or started being) deleted; set by the server.",
          finalizers: ["[]string; Entries that must be removed before the object is deleted from storage.", { patch: "merge", list: "set" }],
          generateName: "string; Prefix for a server-generated unique name, used when name is empty.",
          generation: "int64; Sequence number of the desired state; bumped on spec changes.",
          labels: "{}string; Key/value pairs used to organise and select objects.",
          managedFields: "[]ManagedFieldsEntry; Which field manager owns which fields (server-side apply bookkeeping).",
          name: "string; Name of the object, unique within its namespace (or cluster for cluster-scoped kinds).",
          namespace: "string; Namespace the object lives in; empty for cluster-scoped kinds.",
          ownerReferences: ["[]OwnerReference; Objects this object depends on; garbage collected when all owners are gone.", { patch: "merge", key: "uid" }],
          resourceVersion: "string; Opaque version of this object, used for optimistic concurrency and watches.",
          selfLink: "string; Deprecated; no longer set.",
          uid: "string; Server-assigned unique identifier of this object; never reused.",
        },
      },
      Preconditions: {
        d: "Conditions that must be true before an operation is carried out.",
        f: {
          resourceVersion: "string; Required current resourceVersion of the object.",
          uid: "string; Required UID of the object.",
        },
      },
      StatusDetails: {
        d: "Structured details of a failed request.",
        f: {
          causes: "[]StatusCause; Individual causes, e.g. one per invalid field.",
          group: "string; API group of the object concerned.",
          kind: "string; Kind (or resource) of the object concerned.",
          name: "string; Name of the object concerned.",
          retryAfterSeconds: "int32; Seconds the client should wait before retrying.",
          uid: "string; UID of the object concerned.",
        },
      },
      ManagedFieldsEntry: {
        d: "The set of fields one manager owns, for server-side apply.",
        f: {
          apiVersion: "string; Version of the schema the field set is expressed in.",
          fieldsType: "string; Format of fieldsV1; always FieldsV1.",
          fieldsV1: "FieldsV1; The owned fields, as a nested field-set structure.",
          manager: "string; Name of the field manager, e.g. kubectl-client-side-apply.",
          operation: "string; Apply or Update.",
          subresource: "string; Subresource the fields were written through, e.g. status.",
          time: "Time; When the manager last changed these fields.",
        },
      },
      OwnerReference: {
        d: "Identifies an owning object; the owner must be in the same namespace or cluster-scoped.",
        req: ["name",  "uid"],
        f: {
          apiVersion: "string; API version of the owner.",
          blockOwnerDeletion: "boolean; With foreground deletion, the owner is not removed until this dependent is.",
          controller: "boolean; True for the single managing controller of this object.",
          kind: "string; Kind of the owner.",
          name: "string; Name of the owner.",
          uid: "string; UID of the owner.",
        },
      },
      Condition: {
        d: "A standard condition on an object's status.",
        req: ["lastTransitionTime",  "message",  "reason",  "status",  "type"],
        f: {
          lastTransitionTime: "Time; When the condition last changed status.",
          message: "string; Human-readable details about the last transition.",
          observedGeneration: "int64; The metadata.generation the condition was set for.",
          reason: "string; One-word CamelCase reason for the last transition.",
          status: "string; Status of the condition: True, False or Unknown.",
          type: "string; Type of the condition in CamelCase.",
        },
      },
      LabelSelector: {
        d: "A label query: all of matchLabels and matchExpressions must match; empty selects everything.",
        f: {
          matchExpressions: "[]LabelSelectorRequirement; Set-based requirements (In, NotIn, Exists, DoesNotExist).",
          matchLabels: "{}string; Exact key=value label requirements.",
        },
      },
      StatusCause: {
        d: "One cause of a failure.",
        f: {
          field: "string; Path of the field that caused the error, e.g. spec.containers[0].image.",
          message: "string; Human-readable explanation.",
          reason: "string; Machine-readable reason, e.g. FieldValueRequired.",
        },
      },
      LabelSelectorRequirement: {
        d: "One set-based requirement on a label key.",
        req: ["key",  "operator"],
        f: {
          key: "string; Label key the requirement applies to.",
          operator: "string; In, NotIn, Exists or DoesNotExist.",
          values: "[]string; Values for In and NotIn; must be empty for Exists and DoesNotExist.",
        },
      },
    },
  },
];
