// Schema data: autoscaling/v2 and the autoscaling/v1 Scale subresource.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";
import { conditionFields } from "./condition.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.autoscaling.v2",
    types: {
      HorizontalPodAutoscaler: {
        d: "Scales a workload's replicas based on metrics.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "HorizontalPodAutoscalerSpec; Target, bounds and metrics.",
          status: "HorizontalPodAutoscalerStatus; Current metrics and replica counts.",
        },
      },
      HorizontalPodAutoscalerSpec: {
        d: "Desired behaviour of an autoscaler.",
        req: ["maxReplicas",  "scaleTargetRef"],
        f: {
          behavior: "HorizontalPodAutoscalerBehavior; Scaling speed limits for up and down.",
          maxReplicas: "int32; Upper bound for the replica count.",
          metrics: "[]MetricSpec; Metrics used to compute the replica count.",
          minReplicas: "int32; Lower bound for the replica count; default 1.",
          scaleTargetRef: "CrossVersionObjectReference; The workload to scale.",
        },
      },
      HorizontalPodAutoscalerStatus: {
        d: "Observed state of an autoscaler.",
        req: ["desiredReplicas"],
        f: {
          conditions: "[]HorizontalPodAutoscalerCondition; Conditions such as AbleToScale and ScalingActive.",
          currentMetrics: "[]MetricStatus; Last read values of the metrics.",
          currentReplicas: "int32; Current replica count.",
          desiredReplicas: "int32; Replica count last computed.",
          lastScaleTime: "Time; When the autoscaler last scaled.",
          observedGeneration: "int64; The metadata.generation this status was computed from.",
        },
      },
      HorizontalPodAutoscalerBehavior: {
        d: "Scaling policies for each direction.",
        f: {
          scaleDown: "HPAScalingRules; Rules for scaling down.",
          scaleUp: "HPAScalingRules; Rules for scaling up.",
        },
      },
      MetricSpec: {
        d: "One metric to scale on; set the member matching type.",
        req: ["type"],
        f: {
          containerResource: "ContainerResourceMetricSource; A resource of one container in each pod.",
          external: "ExternalMetricSource; A metric not tied to a Kubernetes object.",
          object: "ObjectMetricSource; A metric of a single object.",
          pods: "PodsMetricSource; A metric averaged over the pods.",
          resource: "ResourceMetricSource; A resource such as cpu, averaged over the pods.",
          type: "string; ContainerResource, External, Object, Pods or Resource.",
        },
      },
      CrossVersionObjectReference: {
        d: "A reference to the scaled object.",
        req: ["name"],
        f: {
          apiVersion: "string; API version of the referent.",
          kind: "string; Kind of the referent, e.g. Deployment.",
          name: "string; Name of the referent.",
        },
      },
      HorizontalPodAutoscalerCondition: {
        d: "One aspect of an autoscaler's state.",
        req: ["status",  "type"],
        f: conditionFields,
      },
      MetricStatus: {
        d: "The last read value of one metric.",
        req: ["type"],
        f: {
          containerResource: "ContainerResourceMetricStatus; Value of a container resource metric.",
          external: "ExternalMetricStatus; Value of an external metric.",
          object: "ObjectMetricStatus; Value of an object metric.",
          pods: "PodsMetricStatus; Value of a pods metric.",
          resource: "ResourceMetricStatus; Value of a resource metric.",
          type: "string; Which member is set.",
        },
      },
      HPAScalingRules: {
        d: "Scaling rules for one direction.",
        f: {
          policies: "[]HPAScalingPolicy; Policies limiting the change per period.",
          selectPolicy: "string; Max, Min or Disabled.",
          stabilizationWindowSeconds: "int32; Seconds of past recommendations considered.",
          tolerance: "Quantity; Relative metric change ignored.",
        },
      },
      ContainerResourceMetricSource: {
        d: "A container resource metric target.",
        req: ["container",  "name",  "target"],
        f: {
          container: "string; Container name.",
          name: "string; Resource name.",
          target: "MetricTarget; Target value.",
        },
      },
      ExternalMetricSource: {
        d: "An external metric target.",
        req: ["metric",  "target"],
        f: {
          metric: "MetricIdentifier; The metric.",
          target: "MetricTarget; Target value.",
        },
      },
      ObjectMetricSource: {
        d: "A metric of one object.",
        req: ["describedObject",  "metric",  "target"],
        f: {
          describedObject: "CrossVersionObjectReference; The object.",
          metric: "MetricIdentifier; The metric.",
          target: "MetricTarget; Target value.",
        },
      },
      PodsMetricSource: {
        d: "A per-pod metric target.",
        req: ["metric",  "target"],
        f: {
          metric: "MetricIdentifier; The metric.",
          target: "MetricTarget; Target value.",
        },
      },
      ResourceMetricSource: {
        d: "A resource metric target.",
        req: ["name",  "target"],
        f: {
          name: "string; Resource name, e.g. cpu or memory.",
          target: "MetricTarget; Target value.",
        },
      },
      ContainerResourceMetricStatus: {
        d: "A container resource metric value.",
        req: ["container",  "current",  "name"],
        f: {
          container: "string; Container name.",
          current: "MetricValueStatus; Current value.",
          name: "string; Resource name.",
        },
      },
      ExternalMetricStatus: {
        d: "An external metric value.",
        req: ["current",  "metric"],
        f: {
          current: "MetricValueStatus; Current value.",
          metric: "MetricIdentifier; The metric.",
        },
      },
      ObjectMetricStatus: {
        d: "The value of an object metric.",
        req: ["current",  "describedObject",  "metric"],
        f: {
          current: "MetricValueStatus; Current value.",
          describedObject: "CrossVersionObjectReference; The object.",
          metric: "MetricIdentifier; The metric.",
        },
      },
      PodsMetricStatus: {
        d: "A per-pod metric value.",
        req: ["current",  "metric"],
        f: {
          current: "MetricValueStatus; Current value.",
          metric: "MetricIdentifier; The metric.",
        },
      },
      ResourceMetricStatus: {
        d: "A resource metric value.",
        req: ["current",  "name"],
        f: {
          current: "MetricValueStatus; Current value.",
          name: "string; Resource name.",
        },
      },
      HPAScalingPolicy: {
        d: "One scaling policy.",
        req: ["periodSeconds",  "type",  "value"],
        f: {
          periodSeconds: "int32; Window the limit applies to.",
          type: "string; Pods or Percent.",
          value: "int32; Size of the change allowed.",
        },
      },
      MetricTarget: {
        d: "Target value of a metric.",
        req: ["type"],
        f: {
          averageUtilization: "int32; Target average utilization, in percent of the request.",
          averageValue: "Quantity; Target average value across pods.",
          type: "string; Utilization, Value or AverageValue.",
          value: "Quantity; Target value.",
        },
      },
      MetricIdentifier: {
        d: "Names a metric.",
        req: ["name"],
        f: {
          name: "string; Name of the metric.",
          selector: "LabelSelector; Label selector narrowing the metric.",
        },
      },
      MetricValueStatus: {
        d: "Current value of a metric.",
        f: {
          averageUtilization: "int32; Current average utilization, in percent.",
          averageValue: "Quantity; Current average value.",
          value: "Quantity; Current value.",
        },
      },
    },
  },
  {
    pkg: "io.k8s.api.autoscaling.v1",
    types: {
      Scale: {
        d: "The scale subresource: desired and current replica counts of a workload.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "ScaleSpec; Desired replica count.",
          status: "ScaleStatus; Current replica count and selector.",
        },
      },
      ScaleSpec: {
        d: "Desired scale.",
        f: {
          replicas: "int32; Desired number of replicas.",
        },
      },
      ScaleStatus: {
        d: "Current scale.",
        req: ["replicas"],
        f: {
          replicas: "int32; Current number of replicas.",
          selector: "string; Label selector of the pods, as a string.",
        },
      },
    },
  },
];
