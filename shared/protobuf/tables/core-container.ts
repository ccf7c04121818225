// core/v1 containers: Container, ports, env, resources, mounts, probes, lifecycle, security context.
// Field numbers from k8s.io/api core/v1/generated.proto; "ptr"/"req"/"inline" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const coreContainer: GroupSpec = {
  Container: {
    1: ["name", "string", "req"],
    2: ["image", "string"],
    3: ["command", "[]string"],
    4: ["args", "[]string"],
    5: ["workingDir", "string"],
    6: ["ports", "[]ContainerPort"],
    19: ["envFrom", "[]EnvFromSource"],
    7: ["env", "[]EnvVar"],
    8: ["resources", "ResourceRequirements"],
    23: ["resizePolicy", "[]ContainerResizePolicy"],
    24: ["restartPolicy", "string", "ptr"],
    9: ["volumeMounts", "[]VolumeMount"],
    21: ["volumeDevices", "[]VolumeDevice"],
    10: ["livenessProbe", "Probe"],
    11: ["readinessProbe", "Probe"],
    22: ["startupProbe", "Probe"],
    12: ["lifecycle", "Lifecycle"],
    13: ["terminationMessagePath", "string"],
    20: ["terminationMessagePolicy", "string"],
    14: ["imagePullPolicy", "string"],
    15: ["securityContext", "SecurityContext"],
    16: ["stdin", "bool"],
    17: ["stdinOnce", "bool"],
    18: ["tty", "bool"],
  },
  // EphemeralContainerCommon has exactly Container's field numbers, so Container's table serves.
  EphemeralContainer: {
    1: ["ephemeralContainerCommon", "Container", "inline"],
    2: ["targetContainerName", "string"],
  },
  ContainerPort: {
    1: ["name", "string"],
    2: ["hostPort", "int32"],
    3: ["containerPort", "int32", "req"],
    4: ["protocol", "string"],
    5: ["hostIP", "string"],
  },
  ContainerResizePolicy: {
    1: ["resourceName", "string", "req"],
    2: ["restartPolicy", "string", "req"],
  },
  EnvVar: {
    1: ["name", "string", "req"],
    2: ["value", "string"],
    3: ["valueFrom", "EnvVarSource"],
  },
  EnvVarSource: {
    1: ["fieldRef", "ObjectFieldSelector"],
    2: ["resourceFieldRef", "ResourceFieldSelector"],
    3: ["configMapKeyRef", "ConfigMapKeySelector"],
    4: ["secretKeyRef", "SecretKeySelector"],
  },
  ObjectFieldSelector: {
    1: ["apiVersion", "string"],
    2: ["fieldPath", "string", "req"],
  },
  ResourceFieldSelector: {
    1: ["containerName", "string"],
    2: ["resource", "string", "req"],
    3: ["divisor", "Quantity"],
  },
  ConfigMapKeySelector: {
    1: ["localObjectReference", "LocalObjectReference", "inline"],
    2: ["key", "string", "req"],
    3: ["optional", "bool", "ptr"],
  },
  SecretKeySelector: {
    1: ["localObjectReference", "LocalObjectReference", "inline"],
    2: ["key", "string", "req"],
    3: ["optional", "bool", "ptr"],
  },
  EnvFromSource: {
    1: ["prefix", "string"],
    2: ["configMapRef", "ConfigMapEnvSource"],
    3: ["secretRef", "SecretEnvSource"],
  },
  ConfigMapEnvSource: {
    1: ["localObjectReference", "LocalObjectReference", "inline"],
    2: ["optional", "bool", "ptr"],
  },
  SecretEnvSource: {
    1: ["localObjectReference", "LocalObjectReference", "inline"],
    2: ["optional", "bool", "ptr"],
  },
  LocalObjectReference: {
    1: ["name", "string"],
  },
  ResourceRequirements: {
    1: ["limits", "map[string]Quantity"],
    2: ["requests", "map[string]Quantity"],
    3: ["claims", "[]ResourceClaim"],
  },
  ResourceClaim: {
    1: ["name", "string", "req"],
    2: ["request", "string"],
  },
  VolumeMount: {
    1: ["name", "string", "req"],
    2: ["readOnly", "bool"],
    7: ["recursiveReadOnly", "string", "ptr"],
    3: ["mountPath", "string", "req"],
    4: ["subPath", "string"],
    5: ["mountPropagation", "string", "ptr"],
    6: ["subPathExpr", "string"],
  },
  VolumeDevice: {
    1: ["name", "string", "req"],
    2: ["devicePath", "string", "req"],
  },
  Probe: {
    1: ["handler", "ProbeHandler", "inline"],
    2: ["initialDelaySeconds", "int32"],
    3: ["timeoutSeconds", "int32"],
    4: ["periodSeconds", "int32"],
    5: ["successThreshold", "int32"],
    6: ["failureThreshold", "int32"],
    7: ["terminationGracePeriodSeconds", "int64", "ptr"],
  },
  ProbeHandler: {
    1: ["exec", "ExecAction"],
    2: ["httpGet", "HTTPGetAction"],
    3: ["tcpSocket", "TCPSocketAction"],
    4: ["grpc", "GRPCAction"],
  },
  ExecAction: {
    1: ["command", "[]string"],
  },
  HTTPGetAction: {
    1: ["path", "string"],
    2: ["port", "IntOrString"],
    3: ["host", "string"],
    4: ["scheme", "string"],
    5: ["httpHeaders", "[]HTTPHeader"],
  },
  HTTPHeader: {
    1: ["name", "string", "req"],
    2: ["value", "string", "req"],
  },
  TCPSocketAction: {
    1: ["port", "IntOrString"],
    2: ["host", "string"],
  },
  GRPCAction: {
    1: ["port", "int32", "req"],
    2: ["service", "string", "ptr"],
  },
  Lifecycle: {
    1: ["postStart", "LifecycleHandler"],
    2: ["preStop", "LifecycleHandler"],
    3: ["stopSignal", "string", "ptr"],
  },
  LifecycleHandler: {
    1: ["exec", "ExecAction"],
    2: ["httpGet", "HTTPGetAction"],
    3: ["tcpSocket", "TCPSocketAction"],
    4: ["sleep", "SleepAction"],
  },
  SleepAction: {
    1: ["seconds", "int64", "req"],
  },
  SecurityContext: {
    1: ["capabilities", "Capabilities"],
    2: ["privileged", "bool", "ptr"],
    3: ["seLinuxOptions", "SELinuxOptions"],
    10: ["windowsOptions", "WindowsSecurityContextOptions"],
    4: ["runAsUser", "int64", "ptr"],
    8: ["runAsGroup", "int64", "ptr"],
    5: ["runAsNonRoot", "bool", "ptr"],
    6: ["readOnlyRootFilesystem", "bool", "ptr"],
    7: ["allowPrivilegeEscalation", "bool", "ptr"],
    9: ["procMount", "string", "ptr"],
    11: ["seccompProfile", "SeccompProfile"],
    12: ["appArmorProfile", "AppArmorProfile"],
  },
  Capabilities: {
    1: ["add", "[]string"],
    2: ["drop", "[]string"],
  },
  SELinuxOptions: {
    1: ["user", "string"],
    2: ["role", "string"],
    3: ["type", "string"],
    4: ["level", "string"],
  },
  WindowsSecurityContextOptions: {
    1: ["gmsaCredentialSpecName", "string", "ptr"],
    2: ["gmsaCredentialSpec", "string", "ptr"],
    3: ["runAsUserName", "string", "ptr"],
    4: ["hostProcess", "bool", "ptr"],
  },
  SeccompProfile: {
    1: ["type", "string", "req"],
    2: ["localhostProfile", "string", "ptr"],
  },
  AppArmorProfile: {
    1: ["type", "string", "req"],
    2: ["localhostProfile", "string", "ptr"],
  },
};
