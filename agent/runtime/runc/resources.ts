// resources.limits/requests → the OCI linux.resources runc writes into the container's cgroup
// (cgroup v1 and v2 alike): memory limit, CPU quota over a 100 ms period, CPU shares from the
// request (as the kubelet: milliCPU × 1024 / 1000, at least 2).
import type { Container } from "kubernetes-types/core/v1";
import { toBytes, toMilli } from "../../../shared/quantity/index.ts";

export interface OciResources {
  memory?: { limit?: number; swap?: number };
  cpu?: { shares?: number; quota?: number; period?: number };
  devices: { allow: boolean; access: string }[];
}

const PERIOD = 100_000;

export function containerResources(c: Container): OciResources {
  const limits = c.resources?.limits ?? {};
  const requests = c.resources?.requests ?? {};
  const out: OciResources = { devices: [{ allow: false, access: "rwm" }] };
  if (limits.memory !== undefined) {
    const limit = Number(toBytes(limits.memory));
    out.memory = { limit, swap: limit };
  }
  const cpuRequest = requests.cpu ?? limits.cpu;
  const cpu: NonNullable<OciResources["cpu"]> = {};
  cpu.shares = cpuRequest !== undefined ? Math.max(2, Math.floor((Number(toMilli(cpuRequest)) * 1024) / 1000)) : 2;
  if (limits.cpu !== undefined) {
    cpu.quota = Math.max(1000, Math.floor((Number(toMilli(limits.cpu)) * PERIOD) / 1000));
    cpu.period = PERIOD;
  }
  out.cpu = cpu;
  return out;
}
