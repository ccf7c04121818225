// Facts about the machine a node runs on, for the Node's labels and nodeInfo.
import { readFileSync } from "node:fs";
import { arch, cpus, release, totalmem } from "node:os";

/** Node's process.arch → Go's GOARCH, as Kubernetes labels spell it. */
export function goArch(a: string = arch()): string {
  return ({ x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64" } as Record<string, string>)[a] ?? a;
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

/** PRETTY_NAME from /etc/os-release ("Debian GNU/Linux 13 (trixie)"). */
export function osImage(text = readOr("/etc/os-release", "")): string {
  const m = text.match(/^PRETTY_NAME=(?:"([^"]*)"|(.*))$/m);
  return (m?.[1] ?? m?.[2] ?? "Linux").trim() || "Linux";
}

export interface HostFacts {
  architecture: string;
  kernelVersion: string;
  osImage: string;
  machineID: string;
  cpus: number;
  memoryBytes: number;
}

export function hostFacts(): HostFacts {
  return {
    architecture: goArch(),
    kernelVersion: release(),
    osImage: osImage(),
    machineID: readOr("/etc/machine-id", "").trim(),
    cpus: cpus().length,
    memoryBytes: totalmem(),
  };
}
