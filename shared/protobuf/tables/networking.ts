// networking.k8s.io/v1: Ingress (k8s.io/api networking/v1/generated.proto). "ptr"/"req"/"inline" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const networking: GroupSpec = {
  Ingress: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "IngressSpec"],
    3: ["status", "IngressStatus"],
  },
  IngressSpec: {
    4: ["ingressClassName", "string", "ptr"],
    1: ["defaultBackend", "IngressBackend"],
    2: ["tls", "[]IngressTLS"],
    3: ["rules", "[]IngressRule"],
  },
  IngressBackend: {
    4: ["service", "IngressServiceBackend"],
    3: ["resource", "core.TypedLocalObjectReference"],
  },
  IngressServiceBackend: {
    1: ["name", "string", "req"],
    2: ["port", "ServiceBackendPort"],
  },
  ServiceBackendPort: {
    1: ["name", "string"],
    2: ["number", "int32"],
  },
  IngressTLS: {
    1: ["hosts", "[]string"],
    2: ["secretName", "string"],
  },
  IngressRule: {
    1: ["host", "string"],
    2: ["ingressRuleValue", "IngressRuleValue", "inline"],
  },
  IngressRuleValue: {
    1: ["http", "HTTPIngressRuleValue"],
  },
  HTTPIngressRuleValue: {
    1: ["paths", "[]HTTPIngressPath"],
  },
  HTTPIngressPath: {
    1: ["path", "string"],
    3: ["pathType", "string", "ptr"],
    2: ["backend", "IngressBackend"],
  },
  IngressStatus: {
    1: ["loadBalancer", "IngressLoadBalancerStatus"],
  },
  IngressLoadBalancerStatus: {
    1: ["ingress", "[]IngressLoadBalancerIngress"],
  },
  IngressLoadBalancerIngress: {
    1: ["ip", "string"],
    2: ["hostname", "string"],
    4: ["ports", "[]IngressPortStatus"],
  },
  IngressPortStatus: {
    1: ["port", "int32", "req"],
    2: ["protocol", "string", "req"],
    3: ["error", "string", "ptr"],
  },
};
