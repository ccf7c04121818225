import { describe, expect, test } from "bun:test";
import { addressRange, parsePortRange, portRange } from "./range.ts";

describe("service address ranges", () => {
  test("a /16 hands out 65534 addresses from .0.1 to .255.254", () => {
    const r = addressRange("10.43.0.0/16");
    expect(r.size).toBe(65534);
    expect(r.itemAt(0)).toBe("10.43.0.1");
    expect(r.itemAt(r.size - 1)).toBe("10.43.255.254");
    expect(r.offsetOf("10.43.1.0")).toBe(255);
  });

  test("the network and broadcast addresses and other networks are not in the range", () => {
    const r = addressRange("10.43.0.0/16");
    for (const ip of ["10.43.0.0", "10.43.255.255", "10.44.0.1", "fd00::1", "nonsense"]) expect(r.offsetOf(ip)).toBeUndefined();
  });

  test("host bits in the CIDR are ignored and the range names its network", () => {
    const r = addressRange("10.43.7.9/24");
    expect(r.description).toBe("10.43.7.0/24");
    expect(r.itemAt(0)).toBe("10.43.7.1");
    expect(r.size).toBe(254);
  });

  test("an IPv6 range leaves out only its network address and is capped at 2^20", () => {
    const small = addressRange("fd00:43::/120");
    expect(small.family).toBe("IPv6");
    expect(small.size).toBe(255);
    expect(small.itemAt(254)).toBe("fd00:43::ff");
    expect(small.offsetOf("FD00:43::0:1")).toBe(0);
    expect(addressRange("fd00::/64").size).toBe(1 << 20);
  });

  test("the node port range 30000-32767 holds 2768 ports", () => {
    const r = portRange(parsePortRange("30000-32767"));
    expect(r.size).toBe(2768);
    expect(r.offsetOf("30000")).toBe(0);
    expect(r.offsetOf("32768")).toBeUndefined();
    expect(r.itemAt(2767)).toBe("32767");
    expect(r.description).toBe("30000-32767");
  });

  test("a malformed port range is refused with its text", () => {
    expect(() => parsePortRange("32767-30000")).toThrow('"32767-30000" is not a port range');
    expect(() => parsePortRange("30000")).toThrow("is not a port range");
  });
});
