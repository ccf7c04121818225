// Schema data: core/v1 services, endpoints, events and references.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      Service: {
        d: "A stable virtual IP and DNS name that load-balances to a set of pods.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "ServiceSpec; How the service is exposed and which pods back it.",
          status: "ServiceStatus; Load balancer state of the service.",
        },
      },
      Endpoints: {
        d: "The addresses and ports behind a service.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          subsets: "[]EndpointSubset; Groups of addresses that share a set of ports.",
        },
      },
      Event: {
        d: "A report of something that happened in the cluster, attached to an object.",
        req: ["involvedObject",  "metadata"],
        f: {
          action: "string; What action was taken or failed.",
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          count: "int32; How many times the event has occurred.",
          eventTime: "MicroTime; When the event was first observed, with microsecond precision.",
          firstTimestamp: "Time; When the event was first recorded.",
          involvedObject: "ObjectReference; The object the event is about.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          lastTimestamp: "Time; When the event was last recorded.",
          message: "string; Human-readable description of the event.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          reason: "string; Short CamelCase reason, e.g. Scheduled or BackOff.",
          related: "ObjectReference; A second object involved, if any.",
          reportingComponent: "string; Controller that emitted the event, e.g. kubelet.",
          reportingInstance: "string; ID of the controller instance, e.g. the node name.",
          series: "EventSeries; Data about a series of repeated events.",
          source: "EventSource; Component and host that reported the event.",
          type: "string; Normal or Warning.",
        },
      },
      ServiceSpec: {
        d: "Desired state of a service.",
        f: {
          allocateLoadBalancerNodePorts: "boolean; Whether a LoadBalancer service gets node ports.",
          clusterIP: "string; Virtual IP of the service; None makes it headless. Assigned if empty.",
          clusterIPs: "[]string; Virtual IPs of the service, one per IP family.",
          externalIPs: "[]string; Extra IPs for which nodes accept traffic for this service.",
          externalName: "string; DNS name returned as a CNAME, for type ExternalName.",
          externalTrafficPolicy: "string; Cluster (default) or Local: where external traffic is routed.",
          healthCheckNodePort: "int32; Node port for load-balancer health checks with the Local policy.",
          internalTrafficPolicy: "string; Cluster (default) or Local: where in-cluster traffic is routed.",
          ipFamilies: "[]string; IP families of the service: IPv4, IPv6.",
          ipFamilyPolicy: "string; SingleStack, PreferDualStack or RequireDualStack.",
          loadBalancerClass: "string; Load balancer implementation to use.",
          loadBalancerIP: "string; Deprecated: requested load balancer IP.",
          loadBalancerSourceRanges: "[]string; Client CIDRs allowed through the load balancer.",
          ports: ["[]ServicePort; Ports the service exposes.", { patch: "merge", key: "port", list: "map", keys: ["port", "protocol"] }],
          publishNotReadyAddresses: "boolean; Include addresses of pods that are not ready.",
          selector: "{}string; Labels of the pods that receive the traffic.",
          sessionAffinity: "string; None (default) or ClientIP.",
          sessionAffinityConfig: "SessionAffinityConfig; Settings for ClientIP session affinity.",
          trafficDistribution: "string; Preference for routing traffic, e.g. PreferClose.",
          type: "string; ClusterIP (default), NodePort, LoadBalancer or ExternalName.",
        },
      },
      ServiceStatus: {
        d: "Observed state of a service.",
        f: {
          conditions: ["[]Condition; Conditions of the service.", { patch: "merge", key: "type", list: "map", keys: ["type"] }],
          loadBalancer: "LoadBalancerStatus; Addresses of the load balancer, if any.",
        },
      },
      EndpointSubset: {
        d: "Addresses that share a set of ports.",
        f: {
          addresses: "[]EndpointAddress; Ready addresses.",
          notReadyAddresses: "[]EndpointAddress; Addresses that are not ready yet.",
          ports: "[]EndpointPort; Ports available on all addresses.",
        },
      },
      ObjectReference: {
        d: "A reference to an object.",
        f: {
          apiVersion: "string; API version of the referent.",
          fieldPath: "string; Part of the object referred to, e.g. spec.containers{nginx}.",
          kind: "string; Kind of the referent.",
          name: "string; Name of the referent.",
          namespace: "string; Namespace of the referent.",
          resourceVersion: "string; Resource version of the referent.",
          uid: "string; UID of the referent.",
        },
      },
      EventSeries: {
        d: "A series of repeated events.",
        f: {
          count: "int32; Number of occurrences so far.",
          lastObservedTime: "MicroTime; When the last occurrence was seen.",
        },
      },
      EventSource: {
        d: "The component that reported an event.",
        f: {
          component: "string; Component name, e.g. kubelet.",
          host: "string; Node name, for node components.",
        },
      },
      LocalObjectReference: {
        d: "A reference to an object in the same namespace.",
        f: {
          name: "string; Name of the referent.",
        },
      },
      ServicePort: {
        d: "A port exposed by a service.",
        req: ["port"],
        f: {
          appProtocol: "string; Application protocol of the port, e.g. http or kubernetes.io/h2c.",
          name: "string; Name of the port; required when there are several.",
          nodePort: "int32; Port opened on every node, for NodePort and LoadBalancer services.",
          port: "int32; Port the service listens on.",
          protocol: "string; TCP (default), UDP or SCTP.",
          targetPort: "IntOrString; Port number or name on the pods; defaults to port.",
        },
      },
      SessionAffinityConfig: {
        d: "Session affinity settings.",
        f: {
          clientIP: "ClientIPConfig; ClientIP affinity settings.",
        },
      },
      LoadBalancerStatus: {
        d: "Load balancer state.",
        f: {
          ingress: "[]LoadBalancerIngress; Addresses of the load balancer.",
        },
      },
      EndpointAddress: {
        d: "One endpoint address.",
        req: ["ip"],
        f: {
          hostname: "string; Host name of the endpoint.",
          ip: "string; IP address of the endpoint.",
          nodeName: "string; Node hosting the endpoint.",
          targetRef: "ObjectReference; The object (usually a pod) providing the endpoint.",
        },
      },
      EndpointPort: {
        d: "A port of an endpoint.",
        req: ["port"],
        f: {
          appProtocol: "string; Application protocol of the port.",
          name: "string; Name of the port, matching the service port name.",
          port: "int32; Port number.",
          protocol: "string; TCP, UDP or SCTP.",
        },
      },
      ClientIPConfig: {
        d: "ClientIP session affinity.",
        f: {
          timeoutSeconds: "int32; How long a client sticks to one backend; default 3 hours.",
        },
      },
      LoadBalancerIngress: {
        d: "One load balancer address.",
        f: {
          hostname: "string; Host name of the address.",
          ip: "string; IP of the address.",
          ipMode: "string; VIP or Proxy: how traffic reaches the nodes.",
          ports: "[]PortStatus; Status of each service port.",
        },
      },
      PortStatus: {
        d: "Status of one service port.",
        req: ["port",  "protocol"],
        f: {
          error: "string; Error for the port, if any.",
          port: "int32; Port number.",
          protocol: "string; Port protocol.",
        },
      },
    },
  },
];
