// The seeds' walkthrough on simulated nodes: `kubun server --disable-agent` plus `kubun sim
// --nodes 3`, driven by the real kubectl (the dispatcher picks 1.33).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCluster, waitFor, writeTemp, type Cluster } from "./harness.ts";
import { startSim, type SimNodes } from "./sim.ts";

let c: Cluster;
let sim: SimNodes;
const json = async (args: string[]) => JSON.parse(await c.k([...args, "-o", "json"]));
const pods = async (selector: string) => (await json(["get", "pods", "-l", selector])).items as any[];

beforeAll(async () => {
  c = await startCluster();
  sim = startSim(c, { nodes: 3 });
  await waitFor("3 Ready nodes", async () => {
    const nodes = (await json(["get", "nodes"])).items as any[];
    const ready = nodes.filter((n) => n.status?.conditions?.some((x: any) => x.type === "Ready" && x.status === "True"));
    return ready.length === 3 ? true : undefined;
  }, 60_000);
});
afterAll(async () => {
  await sim?.stop();
  await c?.stop();
});

describe("a Deployment's lifecycle", () => {
  test("create deployment rolls out 3 pods spread over the 3 nodes", async () => {
    expect(await c.k(["create", "deployment", "nginx", "--image=nginx:1.14.2", "--replicas=3"])).toContain("deployment.apps/nginx created");
    expect(await c.k(["rollout", "status", "deploy/nginx", "--timeout=60s"])).toContain('deployment "nginx" successfully rolled out');
    const running = await pods("app=nginx");
    expect(running.length).toBe(3);
    expect(new Set(running.map((p) => p.spec.nodeName)).size).toBe(3);
    const table = await c.k(["get", "po", "-l", "app=nginx"]);
    expect(table.match(/1\/1\s+Running/g)?.length).toBe(3);
  });

  test("set image makes a second ReplicaSet and history shows 2 revisions", async () => {
    await c.k(["set", "image", "deploy/nginx", "nginx=nginx:1.16.1"]);
    await c.k(["rollout", "status", "deploy/nginx", "--timeout=60s"]);
    const rs = (await json(["get", "rs", "-l", "app=nginx"])).items as any[];
    expect(rs.length).toBe(2);
    const history = await c.k(["rollout", "history", "deploy/nginx"]);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\s+1\s+<none>\s+2\s+<none>/);
  });

  test("rollout undo --to-revision=1 brings the first image back as revision 3", async () => {
    expect(await c.k(["rollout", "undo", "deploy/nginx", "--to-revision=1"])).toContain("rolled back");
    await c.k(["rollout", "status", "deploy/nginx", "--timeout=60s"]);
    const d = await json(["get", "deploy", "nginx"]);
    expect(d.spec.template.spec.containers[0].image).toBe("nginx:1.14.2");
    expect(d.metadata.annotations["deployment.kubernetes.io/revision"]).toBe("3");
  });

  test("scale to 5 and expose as a NodePort with 5 endpoints", async () => {
    await c.k(["scale", "deploy/nginx", "--replicas=5"]);
    await c.k(["rollout", "status", "deploy/nginx", "--timeout=60s"]);
    expect(await c.k(["expose", "deploy", "nginx", "--port", "80", "--type", "NodePort"])).toContain("service/nginx exposed");
    const svc = await json(["get", "svc", "nginx"]);
    expect(svc.spec.clusterIP).toMatch(/^10\.43\./);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    await waitFor("5 endpoint addresses", async () => {
      const ep = await json(["get", "endpoints", "nginx"]);
      return (ep.subsets?.[0]?.addresses?.length ?? 0) === 5 ? true : undefined;
    }, 30_000);
  });

  test("pause, set image and resume roll out once, after resume", async () => {
    await c.k(["rollout", "pause", "deploy/nginx"]);
    await c.k(["set", "image", "deploy/nginx", "nginx=nginx:1.17"]);
    const paused = await json(["get", "deploy", "nginx"]);
    expect(paused.spec.paused).toBe(true);
    await c.k(["rollout", "resume", "deploy/nginx"]);
    await c.k(["rollout", "status", "deploy/nginx", "--timeout=60s"]);
    const images = (await pods("app=nginx")).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.containers[0].image);
    expect(images.length).toBe(5);
    expect(new Set(images)).toEqual(new Set(["nginx:1.17"]));
  });

  test("events and describe show the scaling history", async () => {
    const events = await c.k(["get", "events"]);
    expect(events).toContain("ScalingReplicaSet");
    expect(events).toContain("Scheduled");
    const describe = await c.k(["describe", "deploy", "nginx"]);
    expect(describe).toMatch(/Events:[\s\S]*ScalingReplicaSet/);
    expect(describe).toContain("NewReplicaSet:");
  });

  test("a deleted pod is replaced", async () => {
    const before = await pods("app=nginx");
    const victim = before[0].metadata.name;
    await c.k(["delete", "pod", victim]);
    await waitFor("5 running pods again", async () => {
      const now = (await pods("app=nginx")).filter((p) => p.status.phase === "Running" && !p.metadata.deletionTimestamp);
      return now.length === 5 && !now.some((p) => p.metadata.name === victim) ? true : undefined;
    }, 30_000);
  });

  test("get all lists the deployment, its replica sets, pods and service", async () => {
    const all = await c.k(["get", "all"]);
    for (const s of ["deployment.apps/nginx", "replicaset.apps/nginx-", "pod/nginx-", "service/nginx"]) expect(all).toContain(s);
  });

  test("deleting the deployment removes its replica sets and pods", async () => {
    await c.k(["delete", "deploy", "nginx"]);
    await waitFor("no nginx pods or replica sets", async () => ((await pods("app=nginx")).length === 0 && (await json(["get", "rs", "-l", "app=nginx"])).items.length === 0 ? true : undefined), 30_000);
  });
});

describe("other workloads", () => {
  test("a Recreate deployment replaces all pods at once", async () => {
    const f = writeTemp(c.dir, "recreate.yaml", `apiVersion: apps/v1
kind: Deployment
metadata: {name: rec}
spec:
  replicas: 2
  strategy: {type: Recreate}
  selector: {matchLabels: {app: rec}}
  template:
    metadata: {labels: {app: rec}}
    spec: {containers: [{name: c, image: busybox:1}]}
`);
    await c.k(["apply", "-f", f]);
    await c.k(["rollout", "status", "deploy/rec", "--timeout=60s"]);
    await c.k(["set", "image", "deploy/rec", "c=busybox:2"]);
    await c.k(["rollout", "status", "deploy/rec", "--timeout=60s"]);
    const images = (await pods("app=rec")).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.containers[0].image);
    expect(images).toEqual(["busybox:2", "busybox:2"]);
  });

  test("a Job runs to completion", async () => {
    await c.k(["create", "job", "once", "--image=busybox"]);
    expect(await c.k(["wait", "--for=condition=Complete", "job/once", "--timeout=60s"])).toContain("condition met");
  });

  test("a DaemonSet puts one pod on each of the 3 nodes", async () => {
    const f = writeTemp(c.dir, "ds.yaml", `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: busybox}]}
`);
    await c.k(["apply", "-f", f]);
    await waitFor("3 daemon pods on 3 nodes", async () => {
      const p = (await pods("app=agent")).filter((x) => x.status.phase === "Running");
      return p.length === 3 && new Set(p.map((x) => x.spec.nodeName)).size === 3 ? true : undefined;
    }, 60_000);
  });
});

describe("watching and restarts", () => {
  test("get po -w shows a rollout: new pods Running, old ones Terminating", async () => {
    await c.k(["create", "deployment", "watched", "--image=busybox:1", "--replicas=2"]);
    await c.k(["rollout", "status", "deploy/watched", "--timeout=60s"]);
    const p = Bun.spawn([(await import("./harness.ts")).kubectlPath(), "--kubeconfig", c.kubeconfig, "get", "po", "-l", "app=watched", "-w"], {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "", HOME: c.dir, KUBECACHEDIR: `${c.dir}/kubecache` },
    });
    let out = "";
    (async () => {
      for await (const chunk of p.stdout as unknown as AsyncIterable<Uint8Array>) out += new TextDecoder().decode(chunk);
    })();
    await waitFor("the initial rows", () => (out.split("\n").filter((l) => /Running/.test(l)).length >= 2 ? true : undefined));
    await c.k(["set", "image", "deploy/watched", "busybox=busybox:2"]);
    await c.k(["rollout", "status", "deploy/watched", "--timeout=60s"]);
    await waitFor("Terminating rows and new Running pods", () => (/Terminating/.test(out) && /ContainerCreating|Pending/.test(out) ? true : undefined), 30_000);
    p.kill();
    expect(out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  });

  test("after a server restart the controllers pick up where the store is", async () => {
    await c.restart();
    await c.k(["scale", "deploy/watched", "--replicas=4"]);
    await c.k(["rollout", "status", "deploy/watched", "--timeout=60s"]);
    const running = (await pods("app=watched")).filter((p) => p.status.phase === "Running" && !p.metadata.deletionTimestamp);
    expect(running.length).toBe(4);
  });
});
