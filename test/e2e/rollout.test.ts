// kubectl rollout against the Deployment and ReplicaSet controllers on simulated nodes: the
// parts of KUBECTL_COMPAT §5 the walkthrough does not cover — history details and change-cause,
// undo to the previous revision, skipped and refused undos, restart, describe, and a rollout
// that exceeds its progress deadline.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCluster, waitFor, writeTemp, type Cluster } from "./harness.ts";
import { startSim, type SimNodes } from "./sim.ts";

let c: Cluster;
let sim: SimNodes;
const json = async (args: string[]) => JSON.parse(await c.k([...args, "-o", "json"]));
const status = (name: string) => c.k(["rollout", "status", `deploy/${name}`, "--timeout=60s"]);

beforeAll(async () => {
  c = await startCluster();
  sim = startSim(c, { nodes: 2 });
  await waitFor("2 Ready nodes", async () => {
    const nodes = (await json(["get", "nodes"])).items as any[];
    return nodes.filter((n) => n.status?.conditions?.some((x: any) => x.type === "Ready" && x.status === "True")).length === 2 ? true : undefined;
  }, 60_000);
  await c.k(["create", "deployment", "web", "--image=nginx:1.14.2", "--replicas=2"]);
  await status("web");
});
afterAll(async () => {
  await sim?.stop();
  await c?.stop();
});

describe("kubectl rollout", () => {
  test("history shows each revision's change-cause and, with --revision, its pod template", async () => {
    await c.k(["annotate", "deploy/web", "kubernetes.io/change-cause=create"]);
    await waitFor("the first ReplicaSet to carry the change-cause", async () => {
      const rs = (await json(["get", "rs", "-l", "app=web"])).items as any[];
      return rs[0]?.metadata.annotations?.["kubernetes.io/change-cause"] === "create" ? true : undefined;
    });
    await c.k(["set", "image", "deploy/web", "nginx=nginx:1.16.1"]);
    await c.k(["annotate", "deploy/web", "kubernetes.io/change-cause=upgrade", "--overwrite"]);
    await status("web");
    await waitFor("history with both causes", async () => {
      const h = await c.k(["rollout", "history", "deploy/web"]);
      return /1\s+create\s+2\s+upgrade/.test(h) ? true : undefined;
    });
    const one = await c.k(["rollout", "history", "deploy/web", "--revision=1"]);
    expect(one).toContain("deployment.apps/web with revision #1");
    expect(one).toMatch(/pod-template-hash=[bcdfghjklmnpqrstvwxz2456789]+/);
    expect(one).toContain("nginx:1.14.2");
    expect(one).toMatch(/Annotations:\s+kubernetes.io\/change-cause: create/);
  });

  test("undo without a revision goes back to the previous one, which becomes revision 3", async () => {
    expect(await c.k(["rollout", "undo", "deploy/web"])).toContain("deployment.apps/web rolled back");
    await status("web");
    const d = await json(["get", "deploy", "web"]);
    expect(d.spec.template.spec.containers[0].image).toBe("nginx:1.14.2");
    expect(d.metadata.annotations["deployment.kubernetes.io/revision"]).toBe("3");
    expect(d.metadata.annotations["kubernetes.io/change-cause"]).toBe("create");
    expect(await c.k(["rollout", "history", "deploy/web"])).toMatch(/2\s+upgrade\s+3\s+create/);
    const rs = (await json(["get", "rs", "-l", "app=web"])).items as any[];
    const current = rs.find((r) => r.metadata.annotations["deployment.kubernetes.io/revision"] === "3");
    expect(current.metadata.annotations["deployment.kubernetes.io/revision-history"]).toBe("1");
  });

  test("undo to the current template is skipped, and a paused Deployment refuses undo", async () => {
    expect(await c.k(["rollout", "undo", "deploy/web", "--to-revision=3"])).toContain("skipped rollback (current template already matches revision 3)");
    await c.k(["rollout", "pause", "deploy/web"]);
    const r = await c.kubectl(["rollout", "undo", "deploy/web"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("you cannot rollback a paused deployment; resume it first");
    await c.k(["rollout", "resume", "deploy/web"]);
    await status("web");
  });

  test("restart rolls out a new ReplicaSet with the restartedAt annotation", async () => {
    const before = (await json(["get", "rs", "-l", "app=web"])).items.length;
    expect(await c.k(["rollout", "restart", "deploy/web"])).toContain("deployment.apps/web restarted");
    await status("web");
    const rs = (await json(["get", "rs", "-l", "app=web"])).items as any[];
    expect(rs.length).toBe(before + 1);
    const newest = rs.find((r) => r.metadata.annotations["deployment.kubernetes.io/revision"] === "4");
    expect(newest.spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]).toBeDefined();
    expect(newest.status.availableReplicas).toBe(2);
  });

  test("describe names the new and old ReplicaSets and shows the scaling events", async () => {
    const out = await c.k(["describe", "deploy", "web"]);
    const rs = (await json(["get", "rs", "-l", "app=web"])).items as any[];
    const current = rs.find((r) => r.metadata.annotations["deployment.kubernetes.io/revision"] === "4");
    expect(out).toContain(`NewReplicaSet:   ${current.metadata.name} (2/2 replicas created)`);
    expect(out).toMatch(/Available\s+True\s+MinimumReplicasAvailable/);
    expect(out).toMatch(/Progressing\s+True\s+NewReplicaSetAvailable/);
    expect(out).toMatch(new RegExp(`Normal\\s+ScalingReplicaSet\\s+.*deployment-controller\\s+Scaled up replica set ${current.metadata.name} to 1`));
  });

  test("a rollout whose pods never start fails rollout status with the progress deadline", async () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: stuck
spec:
  replicas: 1
  progressDeadlineSeconds: 2
  selector:
    matchLabels: {app: stuck}
  template:
    metadata:
      labels: {app: stuck}
    spec:
      nodeSelector: {nowhere: "true"}
      containers:
      - {name: c, image: nginx}
`;
    await c.k(["apply", "-f", writeTemp(c.dir, "stuck.yaml", manifest)]);
    const r = await c.kubectl(["rollout", "status", "deploy/stuck", "--timeout=60s"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('deployment "stuck" exceeded its progress deadline');
    const d = await json(["get", "deploy", "stuck"]);
    const progressing = d.status.conditions.find((x: any) => x.type === "Progressing");
    expect(progressing).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
  });
});
