import { describe, expect, test } from "bun:test";
import { bytesToIp, canonicalIp, firstHostIp, ipToBytes, isCidr, parseCidr } from "./net.ts";

describe("net", () => {
  test("the first host of the default service CIDR is 10.43.0.1", () => {
    expect(firstHostIp("10.43.0.0/16")).toBe("10.43.0.1");
  });

  test("the first host ignores host bits given in the CIDR", () => {
    expect(firstHostIp("10.43.7.9/16")).toBe("10.43.0.1");
    expect(firstHostIp("192.168.1.130/25")).toBe("192.168.1.129");
  });

  test("the first host of an IPv6 service CIDR is network plus one", () => {
    expect(firstHostIp("fd00:43::/108")).toBe("fd00:43::1");
  });

  test("IPv6 addresses are written one canonical way", () => {
    expect(canonicalIp("0:0:0:0:0:0:0:1")).toBe("::1");
    expect(canonicalIp("FD00::0001")).toBe("fd00::1");
    expect(canonicalIp("10.0.0.1")).toBe("10.0.0.1");
  });

  test("addresses round-trip through bytes", () => {
    for (const ip of ["127.0.0.1", "::1", "fd00:1:2::3", "2001:db8::ff00:42:8329", "::"]) {
      expect(bytesToIp(ipToBytes(ip))).toBe(ip);
    }
    expect(ipToBytes("::ffff:1.2.3.4").length).toBe(16);
  });

  test("a CIDR needs an address and a prefix in range", () => {
    expect(parseCidr("10.42.0.0/16")).toEqual({ address: "10.42.0.0", prefix: 16 });
    expect(isCidr("10.42.0.0")).toBe(false);
    expect(isCidr("10.42.0.0/33")).toBe(false);
    expect(isCidr("fd00::/129")).toBe(false);
    expect(isCidr("fd00::/64")).toBe(true);
    expect(isCidr("nonsense/8")).toBe(false);
    expect(() => parseCidr("10.0.0.0/x")).toThrow('"10.0.0.0/x" is not a CIDR');
  });
});
