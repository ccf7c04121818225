import { describe, expect, test } from "bun:test";
import type { Container } from "kubernetes-types/core/v1";
import { makePod, runFilter, type NodeSpecOptions } from "../testing.ts";
import { resourcesFit } from "./resources.ts";

const ok = { ok: true };
const c = (name: string, requests: Record<string, string>, restartPolicy?: string): Container => ({ name, image: "i", resources: { requests }, restartPolicy });

describe("resourcesFit", () => {
  test.each([
    ["a pod that fits in what is left fits", makePod("p", { cpu: "1", memory: "1Gi" }), { cpu: "2", memory: "2Gi" }, [makePod("q", { cpu: "1", memory: "1Gi" })], ok],
    ["too much cpu is Insufficient cpu", makePod("p", { cpu: "1500m" }), { cpu: "2" }, [makePod("q", { cpu: "1" })], { ok: false, reason: "Insufficient cpu" }],
    ["too much memory is Insufficient memory", makePod("p", { memory: "2Gi" }), { memory: "2Gi" }, [makePod("q", { memory: "1Mi" })], { ok: false, reason: "Insufficient memory" }],
    [
      "each shortfall is its own reason",
      makePod("p", { cpu: "8", memory: "16Gi" }),
      { cpu: "4", memory: "8Gi" },
      [],
      { ok: false, reason: "Insufficient cpu", reasons: ["Insufficient cpu", "Insufficient memory"] },
    ],
    ["a full node is Too many pods", makePod("p"), { pods: "2" }, [makePod("a"), makePod("b")], { ok: false, reason: "Too many pods" }],
    ["a pod without requests fits however busy the node is", makePod("p"), { cpu: "1" }, [makePod("q", { cpu: "1" })], ok],
    [
      "ephemeral storage counts",
      makePod("p", { spec: { containers: [c("c", { "ephemeral-storage": "2Gi" })] } }),
      { ephemeral: "1Gi" },
      [],
      { ok: false, reason: "Insufficient ephemeral-storage" },
    ],
    ["an extended resource the node lacks is insufficient", makePod("p", { spec: { containers: [c("c", { "example.com/gpu": "1" })] } }), {}, [], { ok: false, reason: "Insufficient example.com/gpu" }],
    ["an extended resource the node has fits", makePod("p", { spec: { containers: [c("c", { "example.com/gpu": "1" })] } }), { extra: { "example.com/gpu": "2" } }, [], ok],
    [
      "the largest init container counts when it exceeds the containers' sum",
      makePod("p", { spec: { containers: [c("a", { cpu: "500m" })], initContainers: [c("init", { cpu: "3" })] } }),
      { cpu: "4" },
      [makePod("q", { cpu: "1500m" })],
      { ok: false, reason: "Insufficient cpu" },
    ],
    [
      "an init container smaller than the containers' sum adds nothing",
      makePod("p", { spec: { containers: [c("a", { cpu: "1" }), c("b", { cpu: "1" })], initContainers: [c("init", { cpu: "1500m" })] } }),
      { cpu: "4" },
      [makePod("q", { cpu: "2" })],
      ok,
    ],
    [
      "a sidecar init container adds to the containers' sum",
      makePod("p", { spec: { containers: [c("a", { cpu: "1" })], initContainers: [c("side", { cpu: "1" }, "Always")] } }),
      { cpu: "3" },
      [makePod("q", { cpu: "1500m" })],
      { ok: false, reason: "Insufficient cpu" },
    ],
    [
      "requests of existing init containers count by the same rule",
      makePod("p", { cpu: "1" }),
      { cpu: "4" },
      [makePod("q", { spec: { containers: [c("a", { cpu: "1" })], initContainers: [c("init", { cpu: "3500m" })] } })],
      { ok: false, reason: "Insufficient cpu" },
    ],
    ["pod overhead counts", makePod("p", { cpu: "1", spec: { overhead: { cpu: "1500m" } } }), { cpu: "2" }, [], { ok: false, reason: "Insufficient cpu" }],
  ] as const)("%s", (_name, pod, node, existing, want) => {
    expect(runFilter(resourcesFit, pod, node as NodeSpecOptions, [...existing])).toEqual(want as never);
  });
});
