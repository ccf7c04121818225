import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import { dnsKind, hostnameFile, hostsFile, parseResolvConf, podEtcFiles, resolvConfFile } from "./files.ts";

const pod = (spec: Pod["spec"] = { containers: [] }, name = "web-0", namespace = "shop"): Pod => ({ metadata: { name, namespace }, spec });
const dns = { clusterDNS: ["10.43.0.10"], clusterDomain: "cluster.local", nodeResolvConf: "# node\nnameserver 192.168.1.1\nnameserver 9.9.9.9\nsearch lan\noptions edns0 timeout:2\n" };

describe("pod /etc/hosts", () => {
  test("lists localhost, the pod's address with its name, then host aliases", () => {
    const text = hostsFile(pod({ containers: [], hostAliases: [{ ip: "1.2.3.4", hostnames: ["a.example", "b.example"] }] }), { podIPs: ["10.42.0.5"], clusterDomain: "cluster.local" });
    expect(text).toBe(
      [
        "# Kubernetes-managed hosts file.",
        "127.0.0.1\tlocalhost",
        "::1\tlocalhost ip6-localhost ip6-loopback",
        "fe00::0\tip6-localnet",
        "fe00::0\tip6-mcastprefix",
        "fe00::1\tip6-allnodes",
        "fe00::2\tip6-allrouters",
        "10.42.0.5\tweb-0",
        "",
        "# Entries added by HostAliases.",
        "1.2.3.4\ta.example\tb.example",
        "",
      ].join("\n"),
    );
  });

  test("a pod with hostname and subdomain gets its fully qualified name first", () => {
    const text = hostsFile(pod({ containers: [], hostname: "db", subdomain: "dbs" }), { podIPs: ["10.42.0.6"], clusterDomain: "cluster.local" });
    expect(text).toContain("10.42.0.6\tdb.dbs.shop.svc.cluster.local\tdb\n");
  });

  test("a hostNetwork pod gets the node's hosts file and its aliases", () => {
    const text = hostsFile(pod({ containers: [], hostNetwork: true, hostAliases: [{ ip: "1.2.3.4", hostnames: ["x"] }] }), { podIPs: ["192.168.1.9"], clusterDomain: "cluster.local", nodeHosts: "127.0.0.1 localhost\n192.168.1.9 pi\n" });
    expect(text).toBe("# Kubernetes-managed hosts file (host network).\n127.0.0.1 localhost\n192.168.1.9 pi\n\n# Entries added by HostAliases.\n1.2.3.4\tx\n");
  });
});

describe("pod hostname", () => {
  test("is the pod's name, or spec.hostname, cut to 63 characters without a trailing dash", () => {
    expect(hostnameFile(pod(), "cluster.local")).toBe("web-0\n");
    expect(hostnameFile(pod({ containers: [], hostname: "db" }), "cluster.local")).toBe("db\n");
    const long = "a".repeat(62) + "-b";
    expect(hostnameFile(pod(undefined, long), "cluster.local")).toBe("a".repeat(62) + "\n");
  });

  test("is the fully qualified name when setHostnameAsFQDN is set with a subdomain", () => {
    expect(hostnameFile(pod({ containers: [], subdomain: "s", setHostnameAsFQDN: true }), "c.local")).toBe("web-0.s.shop.svc.c.local\n");
  });
});

describe("pod /etc/resolv.conf", () => {
  test("ClusterFirst points at the cluster DNS with the namespace's search path and ndots:5", () => {
    expect(resolvConfFile(pod(), dns)).toBe("nameserver 10.43.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local lan\noptions ndots:5\n");
  });

  test("Default copies the node's resolver", () => {
    expect(resolvConfFile(pod({ containers: [], dnsPolicy: "Default" }), dns)).toBe("nameserver 192.168.1.1\nnameserver 9.9.9.9\nsearch lan\noptions edns0 timeout:2\n");
  });

  test("a hostNetwork pod uses the node's resolver unless its policy is ClusterFirstWithHostNet", () => {
    expect(dnsKind(pod({ containers: [], hostNetwork: true }), dns.clusterDNS)).toBe("host");
    expect(dnsKind(pod({ containers: [], hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" }), dns.clusterDNS)).toBe("cluster");
    expect(dnsKind(pod({ containers: [], dnsPolicy: "ClusterFirstWithHostNet" }), dns.clusterDNS)).toBe("cluster");
  });

  test("ClusterFirst without a configured cluster DNS falls back to the node's resolver", () => {
    expect(dnsKind(pod(), [])).toBe("host");
  });

  test("None uses only dnsConfig, and dnsConfig merges into the others", () => {
    const none = pod({ containers: [], dnsPolicy: "None", dnsConfig: { nameservers: ["1.1.1.1"], searches: ["x.test"], options: [{ name: "ndots", value: "2" }, { name: "edns0" }] } });
    expect(resolvConfFile(none, dns)).toBe("nameserver 1.1.1.1\nsearch x.test\noptions ndots:2 edns0\n");
    const merged = pod({ containers: [], dnsConfig: { nameservers: ["10.43.0.10", "1.1.1.1"], searches: ["svc.cluster.local", "extra"], options: [{ name: "ndots", value: "1" }] } });
    expect(resolvConfFile(merged, dns)).toBe("nameserver 10.43.0.10\nnameserver 1.1.1.1\nsearch shop.svc.cluster.local svc.cluster.local cluster.local lan extra\noptions ndots:1\n");
  });

  test("nameservers are limited to three", () => {
    const many = pod({ containers: [], dnsPolicy: "None", dnsConfig: { nameservers: ["1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4"] } });
    expect(resolvConfFile(many, dns)).toBe("nameserver 1.1.1.1\nnameserver 2.2.2.2\nnameserver 3.3.3.3\n");
  });

  test("the node's resolv.conf is read with comments, domain and several options lines", () => {
    expect(parseResolvConf("; c\ndomain home\nnameserver 1.1.1.1 # x\noptions a\noptions b:1\n")).toEqual({ nameservers: ["1.1.1.1"], searches: ["home"], options: ["a", "b:1"] });
  });
});

test("podEtcFiles gives all three files at once", () => {
  const f = podEtcFiles(pod(), { ...dns, podIPs: ["10.42.0.7"] });
  expect(f.hostname).toBe("web-0\n");
  expect(f.hosts).toContain("10.42.0.7\tweb-0");
  expect(f.resolvConf).toStartWith("nameserver 10.43.0.10\n");
});
