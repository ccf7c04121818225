// Schema data: apiextensions.k8s.io/v1.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";
import { conditionFields } from "./condition.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1",
    types: {
      CustomResourceDefinition: {
        d: "Defines a new resource type served by the API server.",
        req: ["spec"],
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "CustomResourceDefinitionSpec; Group, names, scope and versions of the new type.",
          status: "CustomResourceDefinitionStatus; Accepted names and conditions.",
        },
      },
      CustomResourceDefinitionSpec: {
        d: "Desired state of a custom resource definition.",
        req: ["group",  "names",  "scope",  "versions"],
        f: {
          conversion: "CustomResourceConversion; How objects are converted between versions.",
          group: "string; API group of the resource, e.g. stable.example.com.",
          names: "CustomResourceDefinitionNames; Resource and kind names.",
          preserveUnknownFields: "boolean; Deprecated; must be false.",
          scope: "string; Namespaced or Cluster.",
          versions: "[]CustomResourceDefinitionVersion; Served versions; exactly one is the storage version.",
        },
      },
      CustomResourceDefinitionStatus: {
        d: "Observed state of a custom resource definition.",
        f: {
          acceptedNames: "CustomResourceDefinitionNames; Names actually served.",
          conditions: "[]CustomResourceDefinitionCondition; Conditions such as Established and NamesAccepted.",
          storedVersions: "[]string; Versions that have ever been stored.",
        },
      },
      CustomResourceConversion: {
        d: "Version conversion settings.",
        req: ["strategy"],
        f: {
          strategy: "string; None or Webhook.",
          webhook: "WebhookConversion; Webhook settings, for strategy Webhook.",
        },
      },
      CustomResourceDefinitionNames: {
        d: "Names of a custom resource.",
        req: ["plural"],
        f: {
          categories: "[]string; Categories such as all.",
          kind: "string; Kind name, e.g. CronTab.",
          listKind: "string; Kind of lists; default <kind>List.",
          plural: "string; Plural resource name used in URLs, e.g. crontabs.",
          shortNames: "[]string; Short names, e.g. ct.",
          singular: "string; Singular name, e.g. crontab.",
        },
      },
      CustomResourceDefinitionVersion: {
        d: "One version of a custom resource.",
        req: ["name",  "served",  "storage"],
        f: {
          additionalPrinterColumns: "[]CustomResourceColumnDefinition; Extra columns for kubectl get.",
          deprecated: "boolean; Whether the version is deprecated.",
          deprecationWarning: "string; Warning returned to clients of a deprecated version.",
          name: "string; Version name, e.g. v1.",
          schema: "CustomResourceValidation; Schema used for validation and pruning.",
          selectableFields: "[]SelectableField; Fields usable in field selectors.",
          served: "boolean; Whether the version is served.",
          storage: "boolean; Whether this is the storage version.",
          subresources: "CustomResourceSubresources; status and scale subresources.",
        },
      },
      CustomResourceDefinitionCondition: {
        d: "One aspect of a definition's state.",
        req: ["status",  "type"],
        f: conditionFields,
      },
      WebhookConversion: {
        d: "A conversion webhook.",
        req: ["conversionReviewVersions"],
        f: {
          clientConfig: "WebhookClientConfig; How to call the webhook.",
          conversionReviewVersions: "[]string; ConversionReview versions the webhook accepts.",
        },
      },
      CustomResourceColumnDefinition: {
        d: "An extra kubectl get column.",
        req: ["jsonPath",  "name",  "type"],
        f: {
          description: "string; Description of the column.",
          format: "string; Format of the column, e.g. name or date.",
          jsonPath: "string; JSONPath of the value, e.g. .spec.replicas.",
          name: "string; Column header.",
          priority: "int32; 0 for the standard view, higher for -o wide.",
          type: "string; integer, number, string, boolean or date.",
        },
      },
      CustomResourceValidation: {
        d: "Validation schema of a version.",
        f: {
          openAPIV3Schema: "JSONSchemaProps; The OpenAPI v3 schema of the objects.",
        },
      },
      SelectableField: {
        d: "A field usable in field selectors.",
        req: ["jsonPath"],
        f: {
          jsonPath: "string; JSON path of the field.",
        },
      },
      CustomResourceSubresources: {
        d: "Subresources of a custom resource.",
        f: {
          scale: "CustomResourceSubresourceScale; Enables /scale.",
          status: "CustomResourceSubresourceStatus; Enables /status.",
        },
      },
      WebhookClientConfig: {
        d: "How to call a webhook.",
        f: {
          caBundle: "byte; PEM CA bundle to verify the webhook's certificate.",
          service: "ServiceReference; An in-cluster service to call.",
          url: "string; URL to call.",
        },
      },
      JSONSchemaProps: {
        d: "A JSON schema (OpenAPI v3 subset) describing a value.",
        f: {
          "$ref": "string; Reference to another schema; not allowed in CRDs.",
          "$schema": "string; URI of the JSON schema dialect.",
          additionalItems: "JSONSchemaPropsOrBool; Schema of extra array items.",
          additionalProperties: "JSONSchemaPropsOrBool; Schema of map values, or whether extra keys are allowed.",
          allOf: "[]JSONSchemaProps; The value must match all of these schemas.",
          anyOf: "[]JSONSchemaProps; The value must match at least one of these schemas.",
          default: "JSON; Default value.",
          definitions: "{}JSONSchemaProps; Named schemas.",
          dependencies: "{}JSONSchemaPropsOrStringArray; Properties required when another is present.",
          description: "string; Description of the value.",
          enum: "[]JSON; Allowed values.",
          example: "JSON; An example value.",
          exclusiveMaximum: "boolean; Whether maximum itself is excluded.",
          exclusiveMinimum: "boolean; Whether minimum itself is excluded.",
          externalDocs: "ExternalDocumentation; Link to more documentation.",
          format: "string; Format, e.g. int32 or date-time.",
          id: "string; Schema ID.",
          items: "JSONSchemaPropsOrArray; Schema of array items.",
          maxItems: "int64; Maximum array length.",
          maxLength: "int64; Maximum string length.",
          maxProperties: "int64; Maximum number of object fields.",
          maximum: "number; Maximum numeric value.",
          minItems: "int64; Minimum array length.",
          minLength: "int64; Minimum string length.",
          minProperties: "int64; Minimum number of object fields.",
          minimum: "number; Minimum numeric value.",
          multipleOf: "number; The value must be a multiple of this.",
          not: "JSONSchemaProps; The value must not match this schema.",
          nullable: "boolean; Whether null is allowed.",
          oneOf: "[]JSONSchemaProps; The value must match exactly one of these schemas.",
          pattern: "string; Regular expression a string must match.",
          patternProperties: "{}JSONSchemaProps; Schemas for fields whose names match a pattern.",
          properties: "{}JSONSchemaProps; Schemas of object fields.",
          required: "[]string; Required object fields.",
          title: "string; Short title.",
          type: "string; object, array, string, integer, number or boolean.",
          uniqueItems: "boolean; Whether array items must be unique.",
          "x-kubernetes-embedded-resource": "boolean; The value is a full object with apiVersion, kind and metadata.",
          "x-kubernetes-int-or-string": "boolean; The value may be an integer or a string.",
          "x-kubernetes-list-map-keys": "[]string; Keys that identify items of a map list.",
          "x-kubernetes-list-type": "string; atomic, set or map.",
          "x-kubernetes-map-type": "string; atomic or granular.",
          "x-kubernetes-preserve-unknown-fields": "boolean; Keep fields not described by the schema.",
          "x-kubernetes-validations": "[]ValidationRule; CEL validation rules.",
        },
      },
      CustomResourceSubresourceScale: {
        d: "The /scale subresource of a custom resource.",
        req: ["specReplicasPath",  "statusReplicasPath"],
        f: {
          labelSelectorPath: "string; JSON path of the selector in the object.",
          specReplicasPath: "string; JSON path of the desired replicas, e.g. .spec.replicas.",
          statusReplicasPath: "string; JSON path of the current replicas, e.g. .status.replicas.",
        },
      },
      CustomResourceSubresourceStatus: {
        d: "Enables the /status subresource; has no fields.",
      },
      ServiceReference: {
        d: "A service hosting a webhook.",
        req: ["name",  "namespace"],
        f: {
          name: "string; Name of the service.",
          namespace: "string; Namespace of the service.",
          path: "string; URL path to call.",
          port: "int32; Port of the service; default 443.",
        },
      },
      ExternalDocumentation: {
        d: "A link to more documentation.",
        f: {
          description: "string; Description of the link.",
          url: "string; URL of the documentation.",
        },
      },
      ValidationRule: {
        d: "A CEL validation rule.",
        req: ["rule"],
        f: {
          fieldPath: "string; Field the error is reported at.",
          message: "string; Message when the rule fails.",
          messageExpression: "string; CEL expression producing the message.",
          optionalOldSelf: "boolean; Evaluate on create too, with oldSelf unset.",
          reason: "string; Reason reported when the rule fails.",
          rule: "string; The CEL expression, e.g. self.minReplicas <= self.maxReplicas.",
        },
      },
    },
  },
];
