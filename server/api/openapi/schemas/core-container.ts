// Schema data: core/v1 containers and their status.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { FieldSpec, SchemaPackage } from "../dsl.ts";

/** Fields a Container and an EphemeralContainer share (upstream: EphemeralContainerCommon). */
const containerFields: Record<string, FieldSpec> = {
  args: ["[]string; Arguments to the entrypoint; replaces the image's CMD.", { list: "atomic" }],
  command: ["[]string; Entrypoint; replaces the image's ENTRYPOINT. Not run in a shell.", { list: "atomic" }],
  env: ["[]EnvVar; Environment variables to set in the container.", { patch: "merge", key: "name" }],
  envFrom: "[]EnvFromSource; Sources (ConfigMaps, Secrets) whose keys all become environment variables.",
  image: "string; Container image reference, e.g. nginx:1.27.",
  imagePullPolicy: "string; Always, Never or IfNotPresent; defaults to Always for :latest.",
  lifecycle: "Lifecycle; Hooks run after start and before stop.",
  livenessProbe: "Probe; Probe whose failure restarts the container.",
  name: "string; Name of the container, unique within the pod (a DNS label).",
  ports: ["[]ContainerPort; Ports the container exposes; informational, mainly for naming.", { patch: "merge", key: "containerPort", list: "map", keys: ["containerPort", "protocol"] }],
  readinessProbe: "Probe; Probe whose failure removes the pod from service endpoints.",
  resizePolicy: "[]ContainerResizePolicy; How each resource is resized in place.",
  resources: "ResourceRequirements; CPU and memory requests and limits.",
  restartPolicy: "string; Only for init containers: Always makes it a sidecar.",
  securityContext: "SecurityContext; Container-level security settings.",
  startupProbe: "Probe; Probe that must succeed before the other probes start.",
  stdin: "boolean; Allocate a stdin buffer for the container.",
  stdinOnce: "boolean; Close stdin after the first attach session ends.",
  terminationMessagePath: "string; File the termination message is read from.",
  terminationMessagePolicy: "string; File or FallbackToLogsOnError.",
  tty: "boolean; Allocate a TTY; needs stdin.",
  volumeDevices: ["[]VolumeDevice; Block devices to expose to the container.", { patch: "merge", key: "devicePath" }],
  volumeMounts: ["[]VolumeMount; Pod volumes to mount into the container's filesystem.", { patch: "merge", key: "mountPath" }],
  workingDir: "string; Working directory; defaults to the image's.",
};

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      Container: {
        d: "A single application container that runs inside a pod.",
        req: ["name"],
        f: containerFields,
      },
      EphemeralContainer: {
        d: "A temporary container added to a running pod for debugging.",
        req: ["name"],
        f: {
          ...containerFields,
          targetContainerName: "string; Container whose namespaces the ephemeral container joins.",
        },
      },
      ContainerStatus: {
        d: "Observed state of one container in a pod.",
        req: ["image",  "imageID",  "name",  "ready",  "restartCount"],
        f: {
          allocatedResources: "{}Quantity; Resources allocated to the container by the node.",
          allocatedResourcesStatus: "[]any; Health of the devices allocated to the container.",
          containerID: "string; Runtime ID of the container, as <runtime>://<id>.",
          image: "string; Image the container runs.",
          imageID: "string; Resolved ID (digest) of the image.",
          lastState: "ContainerState; State of the previous run, e.g. why it last terminated.",
          name: "string; Name of the container.",
          ready: "boolean; Whether the container passes its readiness probe.",
          resources: "ResourceRequirements; Resources currently applied to the running container.",
          restartCount: "int32; How many times the container has restarted.",
          started: "boolean; Whether the container has started and passed its startup probe.",
          state: "ContainerState; Current state: waiting, running or terminated.",
          stopSignal: "string; Signal used to stop the container.",
          user: "any; Identity the container's first process runs as.",
          volumeMounts: "[]VolumeMountStatus; Mounts of the running container.",
        },
      },
      ContainerImage: {
        d: "An image present on a node.",
        f: {
          names: "[]string; Names of the image.",
          sizeBytes: "int64; Size of the image in bytes.",
        },
      },
      EnvVar: {
        d: "An environment variable for a container.",
        req: ["name"],
        f: {
          name: "string; Name of the variable.",
          value: "string; Literal value; $(VAR) references to earlier variables are expanded.",
          valueFrom: "EnvVarSource; Source of the value: a field, resource, ConfigMap key or Secret key.",
        },
      },
      EnvFromSource: {
        d: "A ConfigMap or Secret whose keys become environment variables.",
        f: {
          configMapRef: "ConfigMapEnvSource; The ConfigMap to read.",
          prefix: "string; Prefix added to every variable name.",
          secretRef: "SecretEnvSource; The Secret to read.",
        },
      },
      ContainerPort: {
        d: "A network port exposed by a container.",
        req: ["containerPort"],
        f: {
          containerPort: "int32; Port number on the pod's IP address.",
          hostIP: "string; Host IP to bind the host port to.",
          hostPort: "int32; Port number to expose on the node; rarely needed.",
          name: "string; Name of the port (IANA_SVC_NAME), usable as a service targetPort.",
          protocol: "string; TCP (default), UDP or SCTP.",
        },
      },
      ContainerResizePolicy: {
        d: "How a resource is resized in place.",
        req: ["resourceName",  "restartPolicy"],
        f: {
          resourceName: "string; cpu or memory.",
          restartPolicy: "string; NotRequired or RestartContainer.",
        },
      },
      ResourceRequirements: {
        d: "Compute resource requests and limits.",
        f: {
          claims: "[]ResourceClaim; Dynamic resource claims (from pod.spec.resourceClaims) this container uses.",
          limits: "{}Quantity; Maximum amounts of resources allowed, e.g. cpu: 500m, memory: 256Mi.",
          requests: "{}Quantity; Minimum amounts of resources required; used for scheduling.",
        },
      },
      VolumeDevice: {
        d: "Maps a raw block volume into a container.",
        req: ["devicePath",  "name"],
        f: {
          devicePath: "string; Path of the device inside the container.",
          name: "string; Name of the pod volume (a PVC with volumeMode Block).",
        },
      },
      VolumeMount: {
        d: "Mounts a pod volume into a container.",
        req: ["mountPath",  "name"],
        f: {
          mountPath: "string; Path in the container to mount the volume at.",
          mountPropagation: "string; None, HostToContainer or Bidirectional.",
          name: "string; Name of the pod volume.",
          readOnly: "boolean; Mount read-only.",
          recursiveReadOnly: "string; Disabled, IfPossible or Enabled: read-only for sub-mounts too.",
          subPath: "string; Path inside the volume to mount instead of its root.",
          subPathExpr: "string; Like subPath, with $(VAR) environment expansion.",
        },
      },
      ContainerState: {
        d: "State of a container; only one member is set.",
        f: {
          running: "ContainerStateRunning; The container is running.",
          terminated: "ContainerStateTerminated; The container has exited.",
          waiting: "ContainerStateWaiting; The container is not running yet.",
        },
      },
      VolumeMountStatus: {
        d: "A mount of a running container.",
        req: ["mountPath",  "name"],
        f: {
          mountPath: "string; Path inside the container.",
          name: "string; Name of the volume.",
          readOnly: "boolean; Whether the mount is read-only.",
          recursiveReadOnly: "string; Whether sub-mounts are read-only too.",
        },
      },
      EnvVarSource: {
        d: "Where an environment variable's value comes from.",
        f: {
          configMapKeyRef: "ConfigMapKeySelector; A key of a ConfigMap.",
          fieldRef: "ObjectFieldSelector; A field of the pod, e.g. metadata.name or status.podIP.",
          resourceFieldRef: "ResourceFieldSelector; A container resource, e.g. limits.cpu.",
          secretKeyRef: "SecretKeySelector; A key of a Secret.",
        },
      },
      ConfigMapEnvSource: {
        d: "A ConfigMap used as a whole to populate the environment.",
        f: {
          name: "string; Name of the ConfigMap.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
        },
      },
      SecretEnvSource: {
        d: "A Secret used as a whole to populate the environment.",
        f: {
          name: "string; Name of the Secret.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
        },
      },
      ResourceClaim: {
        d: "A pod resource claim a container uses.",
        req: ["name"],
        f: {
          name: "string; Name of an entry in pod.spec.resourceClaims.",
          request: "string; Name of one request within the claim.",
        },
      },
      ContainerStateRunning: {
        d: "A running container.",
        f: {
          startedAt: "Time; When the container started.",
        },
      },
      ContainerStateTerminated: {
        d: "A container that has exited.",
        req: ["exitCode"],
        f: {
          containerID: "string; Runtime ID of the container.",
          exitCode: "int32; Exit code of the container's process.",
          finishedAt: "Time; When the container exited.",
          message: "string; Termination message.",
          reason: "string; Short reason, e.g. Completed, Error or OOMKilled.",
          signal: "int32; Signal that ended the container, if any.",
          startedAt: "Time; When the container started.",
        },
      },
      ContainerStateWaiting: {
        d: "A container that is not running yet.",
        f: {
          message: "string; Details of why it is waiting.",
          reason: "string; Short reason, e.g. ContainerCreating or CrashLoopBackOff.",
        },
      },
      ConfigMapKeySelector: {
        d: "One key of a ConfigMap.",
        req: ["key"],
        f: {
          key: "string; Key to select.",
          name: "string; Name of the ConfigMap.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
        },
      },
      ObjectFieldSelector: {
        d: "A field of the pod.",
        req: ["fieldPath"],
        f: {
          apiVersion: "string; Schema version the fieldPath is written in; default v1.",
          fieldPath: "string; Path of the field, e.g. metadata.namespace.",
        },
      },
      ResourceFieldSelector: {
        d: "A container resource value.",
        req: ["resource"],
        f: {
          containerName: "string; Container to read; required for volumes.",
          divisor: "Quantity; Unit the value is expressed in; default 1.",
          resource: "string; Resource to read, e.g. requests.memory.",
        },
      },
      SecretKeySelector: {
        d: "One key of a Secret.",
        req: ["key"],
        f: {
          key: "string; Key to select.",
          name: "string; Name of the Secret.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
        },
      },
    },
  },
];
