import { describe, expect, test } from "bun:test";
import type { ContainerPort } from "kubernetes-types/core/v1";
import { makePod, runFilter } from "../testing.ts";
import { HOST_PORTS_REASON, hostPorts } from "./host-ports.ts";

const withPorts = (name: string, ...ports: ContainerPort[]) => makePod(name, { spec: { containers: [{ name: "c", image: "i", ports }] } });
const busy = { ok: false, reason: HOST_PORTS_REASON };

describe("hostPorts", () => {
  test.each([
    ["a pod without host ports fits anywhere", withPorts("p", { containerPort: 80 }), [withPorts("q", { containerPort: 80, hostPort: 80 })], { ok: true }],
    ["a free host port fits", withPorts("p", { containerPort: 80, hostPort: 8080 }), [withPorts("q", { containerPort: 80, hostPort: 80 })], { ok: true }],
    ["the same TCP host port is taken", withPorts("p", { containerPort: 80, hostPort: 80 }), [withPorts("q", { containerPort: 81, hostPort: 80 })], busy],
    ["the same port over another protocol is free", withPorts("p", { containerPort: 53, hostPort: 53, protocol: "UDP" }), [withPorts("q", { containerPort: 53, hostPort: 53 })], { ok: true }],
    ["different host IPs do not conflict", withPorts("p", { containerPort: 80, hostPort: 80, hostIP: "10.0.0.1" }), [withPorts("q", { containerPort: 80, hostPort: 80, hostIP: "10.0.0.2" })], { ok: true }],
    ["0.0.0.0 conflicts with a specific IP", withPorts("p", { containerPort: 80, hostPort: 80 }), [withPorts("q", { containerPort: 80, hostPort: 80, hostIP: "10.0.0.2" })], busy],
    ["a specific IP conflicts with 0.0.0.0", withPorts("p", { containerPort: 80, hostPort: 80, hostIP: "10.0.0.1" }), [withPorts("q", { containerPort: 80, hostPort: 80 })], busy],
    ["the same specific IP conflicts", withPorts("p", { containerPort: 80, hostPort: 80, hostIP: "10.0.0.1" }), [withPorts("q", { containerPort: 80, hostPort: 80, hostIP: "10.0.0.1" })], busy],
  ] as const)("%s", (_name, pod, existing, want) => {
    expect(runFilter(hostPorts, pod, {}, [...existing])).toEqual(want);
  });
});
