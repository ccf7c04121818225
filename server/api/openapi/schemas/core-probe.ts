// Schema data: core/v1 probes, lifecycle hooks and security contexts.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      Lifecycle: {
        d: "Hooks run when a container starts or is about to stop.",
        f: {
          postStart: "LifecycleHandler; Run right after the container is created.",
          preStop: "LifecycleHandler; Run before the container is terminated.",
          stopSignal: "string; Signal sent to stop the container.",
        },
      },
      Probe: {
        d: "A health check run against a container.",
        f: {
          exec: "ExecAction; Run a command in the container; exit code 0 is success.",
          failureThreshold: "int32; Consecutive failures after which the probe fails; default 3.",
          grpc: "GRPCAction; Call the gRPC health-checking service.",
          httpGet: "HTTPGetAction; Send an HTTP GET; 2xx and 3xx responses are success.",
          initialDelaySeconds: "int32; Seconds after start before the first probe.",
          periodSeconds: "int32; Seconds between probes; default 10.",
          successThreshold: "int32; Consecutive successes needed after a failure; default 1.",
          tcpSocket: "TCPSocketAction; Open a TCP connection.",
          terminationGracePeriodSeconds: "int64; Grace period when a failed liveness probe kills the container.",
          timeoutSeconds: "int32; Seconds before the probe times out; default 1.",
        },
      },
      SecurityContext: {
        d: "Security settings for one container; overrides the pod-level settings.",
        f: {
          allowPrivilegeEscalation: "boolean; Whether a process may gain more privileges than its parent.",
          appArmorProfile: "AppArmorProfile; AppArmor profile for the container.",
          capabilities: "Capabilities; Linux capabilities to add or drop.",
          privileged: "boolean; Run in privileged mode, like root on the host.",
          procMount: "string; Default or Unmasked /proc mount.",
          readOnlyRootFilesystem: "boolean; Mount the container's root filesystem read-only.",
          runAsGroup: "int64; GID to run the entrypoint as.",
          runAsNonRoot: "boolean; Require running as a non-root user.",
          runAsUser: "int64; UID to run the entrypoint as.",
          seLinuxOptions: "SELinuxOptions; SELinux context for the container.",
          seccompProfile: "SeccompProfile; Seccomp profile for the container.",
          windowsOptions: "WindowsSecurityContextOptions; Windows-specific settings.",
        },
      },
      AppArmorProfile: {
        d: "An AppArmor profile.",
        req: ["type"],
        f: {
          localhostProfile: "string; Profile loaded on the node, for type Localhost.",
          type: "string; RuntimeDefault, Unconfined or Localhost.",
        },
      },
      SELinuxOptions: {
        d: "SELinux labels.",
        f: {
          level: "string; SELinux level label.",
          role: "string; SELinux role label.",
          type: "string; SELinux type label.",
          user: "string; SELinux user label.",
        },
      },
      SeccompProfile: {
        d: "A seccomp profile.",
        req: ["type"],
        f: {
          localhostProfile: "string; Profile file on the node, for type Localhost.",
          type: "string; RuntimeDefault, Unconfined or Localhost.",
        },
      },
      WindowsSecurityContextOptions: {
        d: "Windows-specific security settings.",
        f: {
          gmsaCredentialSpec: "string; GMSA credential spec contents.",
          gmsaCredentialSpecName: "string; Name of the GMSA credential spec.",
          hostProcess: "boolean; Run as a Windows host process.",
          runAsUserName: "string; Windows user name to run as.",
        },
      },
      LifecycleHandler: {
        d: "An action run by a lifecycle hook.",
        f: {
          exec: "ExecAction; Run a command in the container.",
          httpGet: "HTTPGetAction; Send an HTTP GET.",
          sleep: "SleepAction; Sleep for a while.",
          tcpSocket: "TCPSocketAction; Deprecated TCP check.",
        },
      },
      ExecAction: {
        d: "Runs a command in the container.",
        f: {
          command: "[]string; Command and arguments; not run in a shell.",
        },
      },
      GRPCAction: {
        d: "A gRPC health check.",
        req: ["port"],
        f: {
          port: "int32; Port number of the gRPC service.",
          service: "string; Service name passed in the health-check request.",
        },
      },
      HTTPGetAction: {
        d: "An HTTP GET request.",
        req: ["port"],
        f: {
          host: "string; Host to connect to; defaults to the pod IP.",
          httpHeaders: "[]HTTPHeader; Extra request headers.",
          path: "string; Request path, e.g. /healthz.",
          port: "IntOrString; Port number or name to connect to.",
          scheme: "string; HTTP (default) or HTTPS.",
        },
      },
      TCPSocketAction: {
        d: "Opens a TCP connection.",
        req: ["port"],
        f: {
          host: "string; Host to connect to; defaults to the pod IP.",
          port: "IntOrString; Port number or name to connect to.",
        },
      },
      Capabilities: {
        d: "Linux capabilities to add or remove.",
        f: {
          add: "[]string; Capabilities to add, e.g. NET_ADMIN.",
          drop: "[]string; Capabilities to drop, e.g. ALL.",
        },
      },
      SleepAction: {
        d: "Sleeps for a number of seconds.",
        req: ["seconds"],
        f: {
          seconds: "int32; Seconds to sleep.",
        },
      },
      HTTPHeader: {
        d: "An HTTP header.",
        req: ["name",  "value"],
        f: {
          name: "string; Header name.",
          value: "string; Header value.",
        },
      },
    },
  },
];
