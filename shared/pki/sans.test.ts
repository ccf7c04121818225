import { describe, expect, test } from "bun:test";
import { mergeSans, sansCover, sansFromNames, servingSans } from "./sans.ts";

describe("subject alternative names", () => {
  test("the serving names follow k3s: loopback, host, addresses, kubernetes service names and IP", () => {
    const s = servingSans({ hostname: "Pi-1", bindAddress: "0.0.0.0", clusterDomain: "cluster.local", serviceCidr: "10.43.0.0/16" });
    expect(s.ips).toEqual(["127.0.0.1", "::1", "10.43.0.1"]);
    expect(s.dns).toEqual(["localhost", "pi-1", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"]);
  });

  test("a dual-stack service CIDR adds the first IP of each family", () => {
    const s = servingSans({ hostname: "h", clusterDomain: "c.local", serviceCidr: "10.43.0.0/16,fd00:43::/112" });
    expect(s.ips).toContain("10.43.0.1");
    expect(s.ips).toContain("fd00:43::1");
  });

  test("--tls-san values are sorted into addresses and names", () => {
    expect(sansFromNames(["1.2.3.4", "a.example", "fd00::5"])).toEqual({ ips: ["1.2.3.4", "fd00::5"], dns: ["a.example"] });
  });

  test("merging drops duplicates and unspecified addresses and canonicalizes spelling", () => {
    expect(mergeSans({ ips: ["0:0::1", "::", "0.0.0.0", "::1"], dns: ["A.example", "a.example"] })).toEqual({ ips: ["::1"], dns: ["a.example"] });
  });

  test("coverage asks that every wanted name is present", () => {
    const have = { ips: ["127.0.0.1", "::1"], dns: ["localhost", "x"] };
    expect(sansCover(have, { ips: ["0:0:0:0:0:0:0:1"], dns: ["X"] })).toBe(true);
    expect(sansCover(have, { ips: ["10.0.0.1"], dns: [] })).toBe(false);
    expect(sansCover(have, { ips: [], dns: ["y"] })).toBe(false);
  });
});
