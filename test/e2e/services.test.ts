// Services with the real kubectl: allocated cluster IPs and node ports in `get svc` at once,
// the kubernetes Service at the first address, `describe svc` (which lists EndpointSlices),
// refusals of addresses in use, and the default ServiceAccount of a new namespace.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCluster, waitFor, type Cluster } from "./harness.ts";

let c: Cluster;
beforeAll(async () => {
  c = await startCluster();
});
afterAll(async () => {
  await c?.stop();
});

const IN_SERVICE_CIDR = /\b10\.43\.\d{1,3}\.\d{1,3}\b/;

describe("Services with kubectl", () => {
  test("create service nodeport shows a cluster IP in 10.43.0.0/16 and 80:3xxxx/TCP", async () => {
    expect(await c.k(["create", "service", "nodeport", "web", "--tcp=80:8080"])).toContain("service/web created");
    const line = (await c.k(["get", "svc", "web", "--no-headers"])).trim();
    const [name, type, clusterIP, externalIP, ports] = line.split(/\s+/);
    expect([name, type, externalIP]).toEqual(["web", "NodePort", "<none>"]);
    expect(clusterIP).toMatch(IN_SERVICE_CIDR);
    expect(ports).toMatch(/^80:3\d{4}\/TCP$/);
    const nodePort = Number(/^80:(\d+)/.exec(ports!)![1]);
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
  });

  test("the kubernetes Service is at 10.43.0.1 on 443/TCP", async () => {
    const [name, type, clusterIP, , ports] = (await c.k(["get", "svc", "kubernetes", "--no-headers"])).trim().split(/\s+/);
    expect([name, type, clusterIP, ports]).toEqual(["kubernetes", "ClusterIP", "10.43.0.1", "443/TCP"]);
    const eps = await c.k(["get", "endpoints", "kubernetes", "-o", "jsonpath={.subsets[0].addresses[0].ip}:{.subsets[0].ports[0].port}"]);
    expect(eps).toBe(`127.0.0.1:${c.port}`);
  });

  test("describe svc prints the allocated values and the endpoints of a ready pod without warnings", async () => {
    await c.k(["create", "service", "clusterip", "described", "--tcp=80:8080"]);
    await c.k(["run", "described-pod", "--image=nginx", "--labels=app=described", "--port=8080"]);
    const status = { status: { phase: "Running", podIP: "10.42.0.5", podIPs: [{ ip: "10.42.0.5" }], conditions: [{ type: "Ready", status: "True" }] } };
    await c.k(["patch", "pod", "described-pod", "--subresource=status", "--type=merge", "-p", JSON.stringify(status)]);
    const out = await waitFor("describe svc to list the pod's endpoint", async () => {
      const text = await c.k(["describe", "svc", "described"]);
      return /^Endpoints:\s+10\.42\.0\.5:8080$/m.test(text) ? text : undefined;
    });
    expect(out).toMatch(/^Name:\s+described$/m);
    expect(out).toMatch(/^Type:\s+ClusterIP$/m);
    expect(out).toMatch(new RegExp(`^IP:\\s+${IN_SERVICE_CIDR.source}$`, "m"));
    expect(out).toMatch(/^TargetPort:\s+8080\/TCP$/m);
    const nodePortOut = await c.k(["describe", "svc", "web"]);
    expect(nodePortOut).toMatch(/^NodePort:\s+80-8080\s+3\d{4}\/TCP$/m);
  });

  test("expose deploy answers with an address and node port at once", async () => {
    await c.k(["create", "deployment", "shop", "--image=nginx", "--port=80"]);
    expect(await c.k(["expose", "deployment", "shop", "--port=80", "--type=NodePort"])).toContain("service/shop exposed");
    const ip = await c.k(["get", "svc", "shop", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].nodePort}"]);
    expect(ip).toMatch(/^10\.43\.\d+\.\d+ 3\d{4}$/);
  });

  test("an address or node port in use is refused with upstream's message", async () => {
    await c.k(["create", "service", "clusterip", "fixed", "--clusterip=10.43.0.50", "--tcp=80"]);
    const ip = await c.kubectl(["create", "service", "clusterip", "clash", "--clusterip=10.43.0.50", "--tcp=80"]);
    expect(ip.code).not.toBe(0);
    expect(ip.stderr).toContain('Service "clash" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.0.50"}: failed to allocate IP 10.43.0.50: provided IP is already allocated');
    await c.k(["create", "service", "nodeport", "np-a", "--tcp=80", "--node-port=30444"]);
    const port = await c.kubectl(["create", "service", "nodeport", "np-b", "--tcp=80", "--node-port=30444"]);
    expect(port.stderr).toContain('Service "np-b" is invalid: spec.ports[0].nodePort: Invalid value: 30444: provided port is already allocated');
    await c.k(["delete", "svc", "np-a"]);
    expect(await c.k(["create", "service", "nodeport", "np-b", "--tcp=80", "--node-port=30444"])).toContain("service/np-b created");
  });

  test("a new namespace gets the default ServiceAccount", async () => {
    await c.k(["create", "namespace", "team-sa"]);
    const out = await waitFor("the default ServiceAccount", async () => {
      const text = await c.k(["get", "sa", "-n", "team-sa"]);
      return /^default\s/m.test(text) ? text : undefined;
    });
    expect(out).toMatch(/^NAME\s+SECRETS\s+AGE$/m);
    expect(out).toMatch(/^default\s+0\s+/m);
  });
});
