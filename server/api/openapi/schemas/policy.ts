// Schema data: policy/v1, coordination.k8s.io/v1 and events.k8s.io/v1.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.coordination.v1",
    types: {
      Lease: {
        d: "A lease used for leader election and node heartbeats.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "LeaseSpec; Holder and timing of the lease.",
        },
      },
      LeaseSpec: {
        d: "State of a lease.",
        f: {
          acquireTime: "MicroTime; When the current holder acquired the lease.",
          holderIdentity: "string; Identity of the current holder.",
          leaseDurationSeconds: "int32; Seconds a holder may keep the lease without renewing it.",
          leaseTransitions: "int32; How many times the holder has changed.",
          preferredHolder: "string; Holder that should take over.",
          renewTime: "MicroTime; When the holder last renewed the lease.",
          strategy: "string; Strategy for picking a leader.",
        },
      },
    },
  },
  {
    pkg: "io.k8s.api.events.v1",
    types: {
      Event: {
        d: "A report of something that happened in the cluster (events.k8s.io form).",
        req: ["eventTime"],
        f: {
          action: "string; What action was taken or failed.",
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          deprecatedCount: "int32; Count in the core/v1 form.",
          deprecatedFirstTimestamp: "Time; First timestamp in the core/v1 form.",
          deprecatedLastTimestamp: "Time; Last timestamp in the core/v1 form.",
          deprecatedSource: "core.EventSource; Source in the core/v1 form.",
          eventTime: "MicroTime; When the event was first observed.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          note: "string; Human-readable description of the event.",
          reason: "string; Short CamelCase reason.",
          regarding: "core.ObjectReference; The object the event is about.",
          related: "core.ObjectReference; A second object involved, if any.",
          reportingController: "string; Controller that emitted the event.",
          reportingInstance: "string; ID of the controller instance.",
          series: "EventSeries; Data about a series of repeated events.",
          type: "string; Normal or Warning.",
        },
      },
      EventSeries: {
        d: "A series of repeated events.",
        req: ["count",  "lastObservedTime"],
        f: {
          count: "int32; Number of occurrences so far.",
          lastObservedTime: "MicroTime; When the last occurrence was seen.",
        },
      },
    },
  },
  {
    pkg: "io.k8s.api.policy.v1",
    types: {
      PodDisruptionBudget: {
        d: "Limits how many pods of a set may be down at once during voluntary disruptions.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "PodDisruptionBudgetSpec; The budget.",
          status: "PodDisruptionBudgetStatus; Current state of the budget.",
        },
      },
      Eviction: {
        d: "A request to evict a pod, subject to disruption budgets.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          deleteOptions: "DeleteOptions; Options for deleting the pod.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Name and namespace of the pod to evict.",
        },
      },
      PodDisruptionBudgetSpec: {
        d: "Desired state of a disruption budget.",
        f: {
          maxUnavailable: "IntOrString; Pods that may be unavailable (number or percentage).",
          minAvailable: "IntOrString; Pods that must stay available (number or percentage).",
          selector: "LabelSelector; Pods the budget covers.",
          unhealthyPodEvictionPolicy: "string; IfHealthyBudget or AlwaysAllow for unhealthy pods.",
        },
      },
      PodDisruptionBudgetStatus: {
        d: "Observed state of a disruption budget.",
        req: ["currentHealthy",  "desiredHealthy",  "disruptionsAllowed",  "expectedPods"],
        f: {
          conditions: "[]Condition; Conditions such as DisruptionAllowed.",
          currentHealthy: "int32; Healthy pods now.",
          desiredHealthy: "int32; Minimum healthy pods required.",
          disruptedPods: "{}Time; Pods being evicted, not yet gone.",
          disruptionsAllowed: "int32; Evictions allowed right now.",
          expectedPods: "int32; Total pods counted by the budget.",
          observedGeneration: "int64; The metadata.generation this status was computed from.",
        },
      },
    },
  },
];
