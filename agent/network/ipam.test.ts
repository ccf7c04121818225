import { describe, expect, test } from "bun:test";
import { createIpam } from "./ipam.ts";

describe("pod IPAM", () => {
  test("addresses start after the gateway and are stable per uid", () => {
    const ipam = createIpam("10.42.3.0/24");
    expect(ipam.allocate("a")).toBe("10.42.3.2");
    expect(ipam.allocate("b")).toBe("10.42.3.3");
    expect(ipam.allocate("a")).toBe("10.42.3.2");
    expect(ipam.size).toBe(2);
  });

  test("a released address is reused only after the others were handed out", () => {
    const ipam = createIpam("10.42.0.0/29"); // hosts .2 … .6
    for (const uid of ["a", "b", "c", "d", "e"]) ipam.allocate(uid);
    expect(() => ipam.allocate("f")).toThrow("has no free address");
    ipam.release("b");
    expect(ipam.allocate("f")).toBe("10.42.0.3");
  });

  test("a reserved address is not handed out again", () => {
    const ipam = createIpam("10.42.0.0/24");
    ipam.reserve("old", "10.42.0.2");
    expect(ipam.allocate("new")).toBe("10.42.0.3");
    expect(() => ipam.reserve("x", "10.43.0.2")).toThrow("is not a host address");
  });

  test("a CIDR that is not IPv4 is refused with the rule", () => {
    expect(() => createIpam("fd00::/64")).toThrow("must be an IPv4 CIDR");
  });
});
