// Schema data: core/v1 pods.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      Pod: {
        d: "A group of containers that share network and storage and are scheduled together onto a node.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "PodSpec; Desired behaviour of the pod: containers, volumes, scheduling constraints.",
          status: "PodStatus; Most recently observed state of the pod; filled in by the system.",
        },
      },
      PodSpec: {
        d: "Desired state of a pod: its containers, volumes, scheduling and security settings.",
        req: ["containers"],
        f: {
          activeDeadlineSeconds: "int64; Seconds the pod may be active before the system fails it.",
          affinity: "Affinity; Node affinity and pod (anti-)affinity scheduling rules.",
          automountServiceAccountToken: "boolean; Whether to mount the service account token into the pod.",
          containers: ["[]Container; Containers that run in the pod; at least one is required.", { patch: "merge", key: "name" }],
          dnsConfig: "PodDNSConfig; Extra DNS settings merged with those chosen by dnsPolicy.",
          dnsPolicy: "string; DNS policy: ClusterFirst (default), ClusterFirstWithHostNet, Default or None.",
          enableServiceLinks: "boolean; Inject environment variables for the services in the namespace.",
          ephemeralContainers: ["[]EphemeralContainer; Debug containers added to a running pod with kubectl debug.", { patch: "merge", key: "name" }],
          hostAliases: ["[]HostAlias; Extra entries for the pod's /etc/hosts file.", { patch: "merge", key: "ip" }],
          hostIPC: "boolean; Use the host's IPC namespace.",
          hostNetwork: "boolean; Use the host's network namespace; ports are opened on the node directly.",
          hostPID: "boolean; Use the host's process ID namespace.",
          hostUsers: "boolean; Use the host's user namespace (true, the default) or a new one.",
          hostname: "string; Hostname of the pod; defaults to the pod name.",
          imagePullSecrets: ["[]LocalObjectReference; Secrets with registry credentials for pulling the images.", { patch: "merge", key: "name" }],
          initContainers: ["[]Container; Containers run in order before the app containers start.", { patch: "merge", key: "name" }],
          nodeName: "string; Node the pod is bound to; set by the scheduler, or directly to skip scheduling.",
          nodeSelector: "{}string; Node labels a node must have for the pod to be scheduled there.",
          os: "PodOS; Operating system the containers need: linux or windows.",
          overhead: "{}Quantity; Resources used by the pod sandbox, on top of the containers' requests.",
          preemptionPolicy: "string; Never or PreemptLowerPriority (default).",
          priority: "int32; Scheduling priority; filled in from priorityClassName.",
          priorityClassName: "string; Name of the PriorityClass that sets the pod's priority.",
          readinessGates: "[]PodReadinessGate; Extra pod conditions that must be True for the pod to be ready.",
          resourceClaims: ["[]PodResourceClaim; Dynamic resource claims the containers may use.", { patch: "merge,retainKeys", key: "name", list: "map", keys: ["name"] }],
          resources: "ResourceRequirements; Total resources for the whole pod, shared by its containers.",
          restartPolicy: "string; Restart policy for the containers: Always (default), OnFailure or Never.",
          runtimeClassName: "string; RuntimeClass to run the pod with.",
          schedulerName: "string; Scheduler responsible for this pod; default-scheduler if empty.",
          schedulingGates: ["[]PodSchedulingGate; Gates that keep the pod from being scheduled while present.", { patch: "merge", key: "name", list: "map", keys: ["name"] }],
          securityContext: "PodSecurityContext; Pod-level security settings and common container defaults.",
          serviceAccount: "string; Deprecated alias of serviceAccountName.",
          serviceAccountName: "string; Service account the pod runs as.",
          setHostnameAsFQDN: "boolean; Set the pod's hostname to its fully qualified domain name.",
          shareProcessNamespace: "boolean; Share one process namespace between all containers.",
          subdomain: "string; Subdomain giving the pod a FQDN <hostname>.<subdomain>.<ns>.svc.<cluster-domain>.",
          terminationGracePeriodSeconds: "int64; Seconds between SIGTERM and SIGKILL on deletion; default 30.",
          tolerations: ["[]Toleration; Taints the pod tolerates.", { list: "atomic" }],
          topologySpreadConstraints: ["[]TopologySpreadConstraint; How to spread the pods across topology domains such as zones.", { patch: "merge", key: "topologyKey", list: "map", keys: ["topologyKey", "whenUnsatisfiable"] }],
          volumes: ["[]Volume; Volumes the containers can mount.", { patch: "merge,retainKeys", key: "name" }],
        },
      },
      PodStatus: {
        d: "Observed state of a pod.",
        f: {
          conditions: ["[]PodCondition; Current service state: PodScheduled, Initialized, ContainersReady, Ready.", { patch: "merge", key: "type" }],
          containerStatuses: "[]ContainerStatus; Status of each app container.",
          ephemeralContainerStatuses: "[]ContainerStatus; Status of each ephemeral container.",
          hostIP: "string; Primary IP address of the node the pod runs on.",
          hostIPs: ["[]HostIP; IP addresses of the node the pod runs on.", { patch: "merge", key: "ip" }],
          initContainerStatuses: "[]ContainerStatus; Status of each init container.",
          message: "string; Human-readable reason the pod is in this state.",
          nominatedNodeName: "string; Node the scheduler nominated after preempting other pods.",
          observedGeneration: "int64; The metadata.generation the status was computed from.",
          phase: "string; Lifecycle phase: Pending, Running, Succeeded, Failed or Unknown.",
          podIP: "string; Primary IP address allocated to the pod.",
          podIPs: ["[]PodIP; IP addresses allocated to the pod, one per family.", { patch: "merge", key: "ip" }],
          qosClass: "string; Quality of service class: Guaranteed, Burstable or BestEffort.",
          reason: "string; Short CamelCase reason the pod is in this state, e.g. Evicted.",
          resize: "string; Status of an in-place resource resize.",
          resourceClaimStatuses: "[]PodResourceClaimStatus; Names of the ResourceClaims generated for the pod.",
          startTime: "Time; When the kubelet acknowledged the pod.",
        },
      },
      PodDNSConfig: {
        d: "Extra DNS parameters for a pod.",
        f: {
          nameservers: "[]string; DNS server IP addresses.",
          options: "[]PodDNSConfigOption; Resolver options.",
          searches: "[]string; DNS search domains.",
        },
      },
      HostAlias: {
        d: "An /etc/hosts entry for a pod.",
        f: {
          hostnames: "[]string; Host names for the IP address.",
          ip: "string; IP address of the entry.",
        },
      },
      PodOS: {
        d: "Operating system a pod requires.",
        req: ["name"],
        f: {
          name: "string; linux or windows.",
        },
      },
      PodReadinessGate: {
        d: "A pod condition that must be True for the pod to be ready.",
        req: ["conditionType"],
        f: {
          conditionType: "string; Type of the pod condition.",
        },
      },
      PodResourceClaim: {
        d: "Reference to a ResourceClaim a pod's containers can use.",
        req: ["name"],
        f: {
          name: "string; Name of the claim inside the pod.",
          source: "ClaimSource; Where the ResourceClaim comes from.",
        },
      },
      PodSchedulingGate: {
        d: "A gate that blocks scheduling while present.",
        req: ["name"],
        f: {
          name: "string; Name of the gate.",
        },
      },
      PodSecurityContext: {
        d: "Security settings for the whole pod; container settings take precedence.",
        f: {
          appArmorProfile: "AppArmorProfile; AppArmor profile for the containers.",
          fsGroup: "int64; Supplemental group that owns the pod's volumes.",
          fsGroupChangePolicy: "string; OnRootMismatch or Always: when volume ownership is changed.",
          runAsGroup: "int64; GID the containers run as.",
          runAsNonRoot: "boolean; Require the containers to run as a non-root user.",
          runAsUser: "int64; UID the containers run as.",
          seLinuxChangePolicy: "string; How SELinux labels are applied to volumes.",
          seLinuxOptions: "SELinuxOptions; SELinux context for the containers.",
          seccompProfile: "SeccompProfile; Seccomp profile for the containers.",
          supplementalGroups: "[]int64; Extra groups for the first process in each container.",
          supplementalGroupsPolicy: "string; How supplemental groups are computed: Merge or Strict.",
          sysctls: "[]Sysctl; Namespaced sysctls to set for the pod.",
          windowsOptions: "WindowsSecurityContextOptions; Windows-specific settings.",
        },
      },
      PodCondition: {
        d: "One aspect of a pod's current state.",
        req: ["status",  "type"],
        f: {
          lastProbeTime: "Time; When the condition was last checked.",
          lastTransitionTime: "Time; When the condition last changed status.",
          message: "string; Human-readable details about the last transition.",
          observedGeneration: "int64; The metadata.generation the condition was set for.",
          reason: "string; One-word CamelCase reason for the last transition.",
          status: "string; Status of the condition: True, False or Unknown.",
          type: "string; PodScheduled, Initialized, ContainersReady, Ready, or a readiness gate.",
        },
      },
      HostIP: {
        d: "An IP address of the node a pod runs on.",
        f: {
          ip: "string; The IP address.",
        },
      },
      PodIP: {
        d: "An IP address allocated to a pod.",
        f: {
          ip: "string; The IP address.",
        },
      },
      PodResourceClaimStatus: {
        d: "The ResourceClaim generated for a pod's claim.",
        req: ["name"],
        f: {
          name: "string; Name of the claim in the pod spec.",
          resourceClaimName: "string; Name of the generated ResourceClaim.",
        },
      },
      PodTemplateSpec: {
        d: "Metadata and spec of the pods a controller creates.",
        f: {
          metadata: "ObjectMeta; Labels and annotations given to created pods.",
          spec: "PodSpec; Spec of the created pods.",
        },
      },
      PodDNSConfigOption: {
        d: "One resolver option.",
        f: {
          name: "string; Option name, e.g. ndots.",
          value: "string; Option value.",
        },
      },
      ClaimSource: {
        d: "The ResourceClaim, or template to create one from.",
        f: {
          resourceClaimName: "string; Name of an existing ResourceClaim.",
          resourceClaimTemplateName: "string; Name of a template to create a claim from.",
        },
      },
      Sysctl: {
        d: "A kernel parameter to set.",
        req: ["name",  "value"],
        f: {
          name: "string; Name of the sysctl.",
          value: "string; Value to set.",
        },
      },
    },
  },
];
