// The container's mounts: the kernel filesystems every container gets (as `runc spec`), the
// pod's /etc/hosts, /etc/hostname and /etc/resolv.conf, /dev/termination-log, and its volumes
// (emptyDir as a dir under the pod, or tmpfs for medium Memory; hostPath as a bind; configMap,
// secret, downwardAPI and projected as read-only binds of the dirs object-volumes.ts writes).
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Container, Pod, Volume } from "kubernetes-types/core/v1";
import { isObjectVolume } from "./object-volumes.ts";
import type { PodPaths } from "./paths.ts";

export interface OciMount {
  destination: string;
  type: string;
  source: string;
  options?: string[];
}

export function baseMounts(): OciMount[] {
  return [
    { destination: "/proc", type: "proc", source: "proc" },
    { destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"] },
    { destination: "/dev/pts", type: "devpts", source: "devpts", options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
    { destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
    { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"] },
    { destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"] },
    { destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", "relatime", "ro"] },
  ];
}

function bind(destination: string, source: string, readOnly = false): OciMount {
  return { destination, type: "bind", source, options: ["rbind", "rprivate", readOnly ? "ro" : "rw"] };
}

export function podFileMounts(paths: PodPaths): OciMount[] {
  return ["hosts", "hostname", "resolv.conf"].map((f) => bind(`/etc/${f}`, join(paths.etcDir, f)));
}

/** The host side of a volume, made ready (emptyDir dirs created); undefined for kinds not supported yet. */
export function volumeSource(paths: PodPaths, v: Volume): { source: string; tmpfs?: boolean; readOnly?: boolean } | undefined {
  if (v.emptyDir) {
    const dir = paths.volume(v.name);
    mkdirSync(dir, { recursive: true });
    return { source: dir, tmpfs: v.emptyDir.medium === "Memory" };
  }
  if (isObjectVolume(v)) return { source: paths.volume(v.name), readOnly: true };
  if (v.hostPath) {
    if (v.hostPath.type === "DirectoryOrCreate") mkdirSync(v.hostPath.path, { recursive: true });
    if (!existsSync(v.hostPath.path)) throw new Error(`hostPath volume ${v.name}: ${v.hostPath.path} does not exist`);
    return { source: v.hostPath.path };
  }
  return undefined;
}

/**
 * The container's volumeMounts. A Memory emptyDir is a tmpfs mounted on the pod's dir once (by
 * the runtime, so containers share it) and bound like any other.
 */
export function volumeMounts(pod: Pod, c: Container, paths: PodPaths): OciMount[] {
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const out: OciMount[] = [];
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    if (!v) throw new Error(`volumeMount ${m.name}: no volume of that name in the pod`);
    const src = volumeSource(paths, v);
    if (!src) throw new Error(`volume ${m.name}: only emptyDir, hostPath, configMap, secret, downwardAPI and projected volumes are supported by the runc runtime so far`);
    const fsGroup = pod.spec?.securityContext?.fsGroup;
    if (fsGroup !== undefined && !v.hostPath) applyFsGroup(src.source, fsGroup);
    const source = m.subPath ? join(src.source, m.subPath) : src.source;
    if (m.subPath && v.emptyDir) mkdirSync(source, { recursive: true });
    out.push(bind(m.mountPath, source, (m.readOnly ?? false) || (src.readOnly ?? false)));
  }
  return out;
}

/** fsGroup: the volume's files belong to the group (dirs setgid, so new files do too) and are group-readable/writable as upstream's SetVolumeOwnership. */
export function applyFsGroup(dir: string, gid: number): void {
  const walk = (path: string) => {
    const st = statSync(path);
    chownSync(path, st.uid, gid);
    if (st.isDirectory()) {
      chmodSync(path, (st.mode & 0o7777) | 0o2070);
      for (const e of readdirSync(path)) walk(join(path, e));
    } else chmodSync(path, (st.mode & 0o7777) | 0o040);
  };
  walk(dir);
}
