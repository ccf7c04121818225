// The OCI runtime spec (config.json) of one container run: process, mounts, the pod's shared
// net/ipc/uts namespaces joined by path with the container's own mount and pid namespaces,
// cgroup path and resources, capabilities and the masked paths `runc spec` uses.
import type { Container, Pod } from "kubernetes-types/core/v1";
import type { ImageRuntimeConfig } from "../../images/index.ts";
import type { EnvRefs } from "./env-refs.ts";
import { baseMounts, podFileMounts, volumeMounts } from "./mounts.ts";
import type { PodPaths } from "./paths.ts";
import { containerArgs, containerEnv, containerUser } from "./process.ts";
import { containerResources } from "./resources.ts";

/** Docker's default capability set. */
export const DEFAULT_CAPS = ["CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE"];
const ALL_CAPS = [
  ...DEFAULT_CAPS, "DAC_READ_SEARCH", "LINUX_IMMUTABLE", "NET_BROADCAST", "NET_ADMIN", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_PACCT",
  "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "LEASE", "AUDIT_CONTROL", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ",
];

const MASKED = ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"];
const READONLY = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

/** "NET_ADMIN" or "CAP_NET_ADMIN" → "CAP_NET_ADMIN"; drop ALL starts from none, then add applies (as containerd). */
export function capabilities(c: Container): string[] {
  const norm = (s: string) => s.toUpperCase().replace(/^CAP_/, "");
  const add = (c.securityContext?.capabilities?.add ?? []).map(norm);
  const drop = (c.securityContext?.capabilities?.drop ?? []).map(norm);
  const caps = new Set(c.securityContext?.privileged ? ALL_CAPS : drop.includes("ALL") ? [] : DEFAULT_CAPS);
  for (const a of add) for (const x of a === "ALL" ? ALL_CAPS : [a]) caps.add(x);
  for (const d of drop) if (d !== "ALL" && !add.includes(d)) caps.delete(d);
  return [...caps].map((x) => `CAP_${x}`);
}

export interface SpecInput {
  pod: Pod;
  container: Container;
  image: ImageRuntimeConfig;
  paths: PodPaths;
  /** The container's mounted rootfs (for USER names from its /etc/passwd). */
  rootfs: string;
  podIP?: string;
  /** e.g. "/kubun/pod<uid>/<container>" */
  cgroupsPath: string;
  /** envFrom and configMap/secret env values, resolved beforehand (env-refs.ts). */
  envRefs?: EnvRefs;
}

export function containerSpec(i: SpecInput): Record<string, unknown> {
  const { pod, container: c, image, paths } = i;
  const env = containerEnv(pod, c, image, i.podIP, i.envRefs);
  // As containerd's CRI does for a tty: programs look at TERM to draw on it.
  if (c.tty && !env.has("TERM")) env.set("TERM", "xterm");
  const args = containerArgs(c, image, env);
  if (!args.length) throw new Error(`container ${c.name}: no command specified (neither command/args nor an image entrypoint/cmd)`);
  const user = containerUser(pod, c, image, i.rootfs);
  const caps = capabilities(c);
  const privileged = c.securityContext?.privileged ?? false;
  const groups = pod.spec?.securityContext?.supplementalGroups ?? [];
  const fsGroup = pod.spec?.securityContext?.fsGroup;
  return {
    ociVersion: "1.0.2-dev",
    process: {
      // A tty container's terminal is runc's own stdio passed through (tty.ts), never runc's console.
      terminal: false,
      user: { uid: user.uid, gid: user.gid, additionalGids: [...groups, ...(fsGroup !== undefined ? [fsGroup] : [])] },
      args,
      env: [...env].map(([k, v]) => `${k}=${v}`),
      cwd: c.workingDir || image.workingDir || "/",
      capabilities: { bounding: caps, effective: caps, permitted: caps, ...(user.uid === 0 ? {} : { ambient: [] }) },
      noNewPrivileges: c.securityContext?.allowPrivilegeEscalation === false,
      oomScoreAdj: 0,
    },
    root: { path: "rootfs", readonly: c.securityContext?.readOnlyRootFilesystem ?? false },
    mounts: [...baseMounts(), ...podFileMounts(paths), ...volumeMounts(pod, c, paths)],
    linux: {
      cgroupsPath: i.cgroupsPath,
      resources: privileged ? { devices: [{ allow: true, access: "rwm" }], ...omitDevices(containerResources(c)) } : containerResources(c),
      namespaces: [
        { type: "pid" },
        { type: "mount" },
        { type: "network", path: paths.ns("net") },
        { type: "ipc", path: paths.ns("ipc") },
        { type: "uts", path: paths.ns("uts") },
      ],
      ...(privileged ? {} : { maskedPaths: MASKED, readonlyPaths: READONLY }),
    },
  };
}

function omitDevices<T extends { devices: unknown }>(r: T): Omit<T, "devices"> {
  const { devices: _d, ...rest } = r;
  return rest;
}
