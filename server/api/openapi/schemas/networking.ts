// Schema data: discovery.k8s.io/v1 and networking.k8s.io/v1.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.discovery.v1",
    types: {
      EndpointSlice: {
        d: "A subset of the endpoints of a service.",
        req: ["addressType",  "endpoints"],
        f: {
          addressType: "string; IPv4, IPv6 or FQDN.",
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          endpoints: "[]Endpoint; The endpoints in this slice.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          ports: "[]EndpointPort; Ports exposed by all endpoints in this slice.",
        },
      },
      Endpoint: {
        d: "One endpoint of a service.",
        req: ["addresses"],
        f: {
          addresses: "[]string; Addresses of the endpoint (usually one).",
          conditions: "EndpointConditions; Readiness of the endpoint.",
          deprecatedTopology: "{}string; Deprecated topology labels.",
          hints: "EndpointHints; Routing hints.",
          hostname: "string; Host name of the endpoint.",
          nodeName: "string; Node hosting the endpoint.",
          targetRef: "core.ObjectReference; The object (usually a pod) providing the endpoint.",
          zone: "string; Zone the endpoint is in.",
        },
      },
      EndpointPort: {
        d: "A port of the endpoints in a slice.",
        f: {
          appProtocol: "string; Application protocol of the port.",
          name: "string; Name of the port, matching the service port name.",
          port: "int32; Port number.",
          protocol: "string; TCP, UDP or SCTP.",
        },
      },
      EndpointConditions: {
        d: "Readiness of an endpoint.",
        f: {
          ready: "boolean; Whether the endpoint is ready for traffic.",
          serving: "boolean; Whether the endpoint can serve, even while terminating.",
          terminating: "boolean; Whether the endpoint is terminating.",
        },
      },
      EndpointHints: {
        d: "Routing hints for an endpoint.",
        f: {
          forNodes: "[]ForNode; Nodes that should use this endpoint.",
          forZones: "[]ForZone; Zones that should use this endpoint.",
        },
      },
      ForZone: {
        d: "A zone hint.",
        req: ["name"],
        f: {
          name: "string; Zone name.",
        },
      },
      ForNode: {
        d: "A node hint.",
        req: ["name"],
        f: {
          name: "string; Node name.",
        },
      },
    },
  },
  {
    pkg: "io.k8s.api.networking.v1",
    types: {
      Ingress: {
        d: "HTTP(S) routing from outside the cluster to services.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "IngressSpec; Rules, TLS and default backend.",
          status: "IngressStatus; Load balancer addresses.",
        },
      },
      IngressClass: {
        d: "A kind of ingress and the controller that implements it.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "IngressClassSpec; Controller and parameters.",
        },
      },
      NetworkPolicy: {
        d: "Which traffic is allowed to and from a set of pods.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "NetworkPolicySpec; The policy rules.",
        },
      },
      IngressSpec: {
        d: "Desired state of an ingress.",
        f: {
          defaultBackend: "IngressBackend; Backend for requests that match no rule.",
          ingressClassName: "string; IngressClass that implements this ingress.",
          rules: "[]IngressRule; Host and path routing rules.",
          tls: "[]IngressTLS; TLS settings per set of hosts.",
        },
      },
      IngressStatus: {
        d: "Observed state of an ingress.",
        f: {
          loadBalancer: "IngressLoadBalancerStatus; Load balancer addresses.",
        },
      },
      IngressClassSpec: {
        d: "Desired state of an ingress class.",
        f: {
          controller: "string; Name of the controller, e.g. example.com/ingress-controller.",
          parameters: "IngressClassParametersReference; Resource with extra configuration.",
        },
      },
      NetworkPolicySpec: {
        d: "Rules of a network policy.",
        req: ["podSelector"],
        f: {
          egress: "[]NetworkPolicyEgressRule; Allowed outgoing traffic.",
          ingress: "[]NetworkPolicyIngressRule; Allowed incoming traffic.",
          podSelector: "LabelSelector; Pods the policy applies to; empty selects all in the namespace.",
          policyTypes: "[]string; Ingress, Egress or both.",
        },
      },
      IngressBackend: {
        d: "A backend: a service port or another resource.",
        f: {
          resource: "core.TypedLocalObjectReference; Another resource in the namespace.",
          service: "IngressServiceBackend; A service port.",
        },
      },
      IngressRule: {
        d: "Routing for one host.",
        f: {
          host: "string; Host name to match; all hosts when empty.",
          http: "HTTPIngressRuleValue; HTTP path routing.",
        },
      },
      IngressTLS: {
        d: "TLS for a set of hosts.",
        f: {
          hosts: "[]string; Hosts covered by the certificate.",
          secretName: "string; Secret holding the certificate and key.",
        },
      },
      IngressLoadBalancerStatus: {
        d: "Load balancer state of an ingress.",
        f: {
          ingress: "[]IngressLoadBalancerIngress; Addresses.",
        },
      },
      IngressClassParametersReference: {
        d: "Configuration resource of an ingress class.",
        req: ["name"],
        f: {
          apiGroup: "string; API group of the resource.",
          kind: "string; Kind of the resource.",
          name: "string; Name of the resource.",
          namespace: "string; Namespace, for scope Namespace.",
          scope: "string; Cluster or Namespace.",
        },
      },
      NetworkPolicyEgressRule: {
        d: "Allowed outgoing traffic.",
        f: {
          ports: "[]NetworkPolicyPort; Allowed ports; all when empty.",
          to: "[]NetworkPolicyPeer; Allowed destinations; any when empty.",
        },
      },
      NetworkPolicyIngressRule: {
        d: "Allowed incoming traffic.",
        f: {
          from: "[]NetworkPolicyPeer; Allowed sources; any when empty.",
          ports: "[]NetworkPolicyPort; Allowed ports; all when empty.",
        },
      },
      IngressServiceBackend: {
        d: "A service backend.",
        req: ["name"],
        f: {
          name: "string; Name of the service.",
          port: "ServiceBackendPort; Port of the service.",
        },
      },
      HTTPIngressRuleValue: {
        d: "HTTP paths of an ingress rule.",
        req: ["paths"],
        f: {
          paths: "[]HTTPIngressPath; Paths and their backends.",
        },
      },
      IngressLoadBalancerIngress: {
        d: "One ingress address.",
        f: {
          hostname: "string; Host name.",
          ip: "string; IP address.",
          ports: "[]IngressPortStatus; Port status.",
        },
      },
      NetworkPolicyPort: {
        d: "A port or port range.",
        f: {
          endPort: "int32; Last port of a range.",
          port: "IntOrString; Port number or name.",
          protocol: "string; TCP (default), UDP or SCTP.",
        },
      },
      NetworkPolicyPeer: {
        d: "A traffic source or destination.",
        f: {
          ipBlock: "IPBlock; An IP range.",
          namespaceSelector: "LabelSelector; Namespaces by label.",
          podSelector: "LabelSelector; Pods by label.",
        },
      },
      ServiceBackendPort: {
        d: "A service port by name or number.",
        f: {
          name: "string; Port name.",
          number: "int32; Port number.",
        },
      },
      HTTPIngressPath: {
        d: "A path and its backend.",
        req: ["backend",  "pathType"],
        f: {
          backend: "IngressBackend; Where matching requests go.",
          path: "string; URL path to match.",
          pathType: "string; Exact, Prefix or ImplementationSpecific.",
        },
      },
      IngressPortStatus: {
        d: "Status of an ingress port.",
        req: ["port",  "protocol"],
        f: {
          error: "string; Error, if any.",
          port: "int32; Port number.",
          protocol: "string; Port protocol.",
        },
      },
      IPBlock: {
        d: "An IP range with exceptions.",
        req: ["cidr"],
        f: {
          cidr: "string; The range, e.g. 10.0.0.0/16.",
          except: "[]string; Ranges to exclude.",
        },
      },
    },
  },
];
