// The NodeConfig of the machine a real agent runs on: its address, the host's facts as capacity
// and nodeInfo, and the --node-label / --node-taint values (already checked by the CLI).
import { readFileSync, statfsSync } from "node:fs";
import { networkInterfaces } from "node:os";
import type { Taint } from "kubernetes-types/core/v1";
import { hostFacts, type NodeConfig } from "./node/index.ts";

/** "key=value" → { key: value }. */
export function parseLabels(labels: readonly string[]): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

/** "key[=value]:Effect" → a Taint. */
export function parseTaint(text: string): Taint {
  const colon = text.lastIndexOf(":");
  const kv = text.slice(0, colon);
  const eq = kv.indexOf("=");
  const taint: Taint = { key: eq < 0 ? kv : kv.slice(0, eq), effect: text.slice(colon + 1) };
  if (eq >= 0) taint.value = kv.slice(eq + 1);
  return taint;
}

/** The first non-loopback IPv4 address of the host (127.0.0.1 when there is none). */
export function defaultNodeIP(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "127.0.0.1";
}

function bootID(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return crypto.randomUUID();
  }
}

function diskBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.blocks * s.bsize;
  } catch {
    return 0;
  }
}

export interface HostNodeOptions {
  name: string;
  nodeIp?: string;
  labels: readonly string[];
  taints: readonly string[];
  podCIDR: string;
  dataDir: string;
  runtimeVersion: string;
}

export function hostNodeConfig(o: HostNodeOptions): NodeConfig {
  const host = hostFacts();
  const disk = diskBytes(o.dataDir);
  return {
    name: o.name,
    internalIP: o.nodeIp?.split(",")[0]?.trim() || defaultNodeIP(),
    labels: parseLabels(o.labels),
    taints: o.taints.map(parseTaint),
    podCIDR: o.podCIDR,
    capacity: {
      cpu: String(host.cpus),
      memory: `${Math.floor(host.memoryBytes / 1024)}Ki`,
      pods: "110",
      ...(disk ? { "ephemeral-storage": `${Math.floor(disk / 1024)}Ki` } : {}),
    },
    nodeInfo: {
      architecture: host.architecture,
      kernelVersion: host.kernelVersion,
      osImage: host.osImage,
      machineID: host.machineID,
      systemUUID: host.machineID,
      bootID: bootID(),
      containerRuntimeVersion: o.runtimeVersion,
    },
  };
}
