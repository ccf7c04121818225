import { describe, expect, test } from "bun:test";
import type { NodeObject } from "./node/index.ts";
import { choosePodCIDR, nthSubnet24 } from "./pod-cidr.ts";

const node = (name: string, podCIDR?: string) => ({ metadata: { name }, spec: podCIDR ? { podCIDR } : {} }) as NodeObject;

describe("pod CIDR of a joining node", () => {
  test("a node keeps the CIDR its Node already has", () => {
    expect(choosePodCIDR([node("a", "10.42.0.0/24"), node("b", "10.42.7.0/24")], "b", "10.42.0.0/16")).toBe("10.42.7.0/24");
  });

  test("a new node gets the first /24 no other Node holds", () => {
    expect(choosePodCIDR([], "a", "10.42.0.0/16")).toBe("10.42.0.0/24");
    expect(choosePodCIDR([node("a", "10.42.0.0/24"), node("b", "10.42.2.0/24"), node("c")], "d", "10.42.0.0/16")).toBe("10.42.1.0/24");
  });

  test("a full cluster range is an error naming the range and the node", () => {
    expect(() => choosePodCIDR([node("a", "10.42.0.0/24"), node("b", "10.42.1.0/24")], "c", "10.42.0.0/23")).toThrow("--cluster-cidr 10.42.0.0/23: every /24 is taken by a Node; no pod CIDR left for node c");
  });

  test("a cluster range smaller than a /24 is refused", () => {
    expect(nthSubnet24("10.42.0.0/16", 255)).toBe("10.42.255.0/24");
    expect(nthSubnet24("10.42.0.0/16", 256)).toBeUndefined();
    expect(() => nthSubnet24("10.42.0.0/25", 0)).toThrow("must be /24 or larger");
  });
});
