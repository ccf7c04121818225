// The real kubectl (1.27, 1.30, 1.33) against a freshly started kubun server: create/apply,
// get in every output format, patches, scale, replace, edit, delete, explain, discovery.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCluster, writeTemp, type Cluster } from "./harness.ts";

let c: Cluster;
beforeAll(async () => {
  c = await startCluster();
});
afterAll(async () => {
  await c?.stop();
});

const deployment = (ns: string, image: string, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
        env:
        - {name: A, value: "1"}${extra}
`;

for (const version of ["1.27", "1.30", "1.33"]) {
  describe(`kubectl ${version}`, () => {
    const ns = `v${version.replace(".", "-")}`;
    const k = (args: string[], stdin?: string) => c.k(args, { version, stdin });

    test("creates a namespace and reports the server version without warnings", async () => {
      expect(await k(["create", "namespace", ns])).toContain(`namespace/${ns} created`);
      // `version` warns about skew for clients older than 1.32 by design; the dispatcher picks the matching one.
      const v = await c.k(["version", "-o", "json"]);
      expect(JSON.parse(v).serverVersion.minor).toBe("33");
    });

    test("apply reports created, then configured, then unchanged", async () => {
      const f1 = writeTemp(c.dir, `d1-${ns}.yaml`, deployment(ns, "nginx:1.25"));
      const f2 = writeTemp(c.dir, `d2-${ns}.yaml`, deployment(ns, "nginx:1.26"));
      expect(await k(["apply", "-f", f1])).toContain("deployment.apps/web created");
      expect(await k(["apply", "-f", f2])).toContain("deployment.apps/web configured");
      expect(await k(["apply", "-f", f2])).toContain("deployment.apps/web unchanged");
      const d = JSON.parse(await k(["-n", ns, "get", "deploy", "web", "-o", "json"]));
      expect(d.spec.template.spec.containers[0].image).toBe("nginx:1.26");
      expect(d.spec.template.spec.containers[0].env).toEqual([{ name: "A", value: "1" }]);
      expect(d.metadata.generation).toBe(2);
      expect(d.spec.strategy.type).toBe("RollingUpdate");
    });

    test("create subcommands make configmaps, secrets, services and deployments", async () => {
      expect(await k(["-n", ns, "create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=b=two"])).toContain("configmap/cfg created");
      expect(await k(["-n", ns, "create", "secret", "generic", "sec", "--from-literal=password=s3cret"])).toContain("secret/sec created");
      expect(await k(["-n", ns, "create", "service", "clusterip", "svc1", "--tcp=80:8080"])).toContain("service/svc1 created");
      expect(await k(["-n", ns, "create", "deployment", "made", "--image=busybox", "--replicas=3"])).toContain("deployment.apps/made created");
      const cm = JSON.parse(await k(["-n", ns, "get", "cm", "cfg", "-o", "json"]));
      expect(cm.data).toEqual({ a: "1", b: "two" });
      const sec = JSON.parse(await k(["-n", ns, "get", "secret", "sec", "-o", "json"]));
      expect(Buffer.from(sec.data.password, "base64").toString()).toBe("s3cret");
      const svc = JSON.parse(await k(["-n", ns, "get", "svc", "svc1", "-o", "json"]));
      expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080, protocol: "TCP" });
      const made = JSON.parse(await k(["-n", ns, "get", "deploy", "made", "-o", "json"]));
      expect(made.spec.replicas).toBe(3);
      expect(made.spec.template.spec.containers[0].image).toBe("busybox");
    });

    test("get prints tables, wide tables, names, jsonpath and custom columns", async () => {
      const table = await k(["-n", ns, "get", "deploy"]);
      expect(table).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
      expect(table).toMatch(/\nweb\s+0\/2\s+/);
      const wide = await k(["-n", ns, "get", "deploy", "-o", "wide"]);
      expect(wide).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR/);
      expect(wide).toContain("app=web");
      expect((await k(["-n", ns, "get", "deploy", "-o", "name"])).split("\n").filter(Boolean).sort()).toEqual(["deployment.apps/made", "deployment.apps/web"]);
      expect(await k(["-n", ns, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"])).toBe("2");
      const cc = await k(["-n", ns, "get", "deploy", "-o", "custom-columns=N:.metadata.name,R:.spec.replicas", "--sort-by=.spec.replicas"]);
      expect(cc.trim().split("\n").map((l) => l.split(/\s+/))).toEqual([["N", "R"], ["web", "2"], ["made", "3"]]);
      const labels = await k(["-n", ns, "get", "deploy", "web", "--show-labels"]);
      expect(labels).toContain("app=web");
      const yaml = await k(["-n", ns, "get", "cm", "cfg", "-o", "yaml"]);
      expect(yaml).toContain("kind: ConfigMap");
    });

    test("label and field selectors, -A and chunked lists work", async () => {
      expect(await k(["-n", ns, "get", "deploy", "-l", "app=web", "-o", "name"])).toBe("deployment.apps/web\n");
      expect(await k(["-n", ns, "get", "deploy", "--field-selector", "metadata.name=made", "-o", "name"])).toBe("deployment.apps/made\n");
      const all = await k(["get", "deploy", "-A"]);
      expect(all).toMatch(/^NAMESPACE\s+NAME/);
      expect(all).toContain(ns);
      for (let i = 0; i < 5; i++) await k(["-n", ns, "create", "configmap", `chunk${i}`, "--from-literal=x=y"]);
      const chunked = await k(["-n", ns, "get", "cm", "--chunk-size=2", "-o", "name"]);
      expect(chunked.split("\n").filter((l) => l.startsWith("configmap/chunk")).length).toBe(5);
    });

    test("label, annotate, three patch types, set image and scale change the object", async () => {
      await k(["-n", ns, "label", "deploy", "web", "tier=fe"]);
      await k(["-n", ns, "annotate", "deploy", "web", "note=hello"]);
      await k(["-n", ns, "patch", "deploy", "web", "--type=merge", "-p", `{"metadata":{"labels":{"merged":"yes"}}}`]);
      await k(["-n", ns, "patch", "deploy", "web", "--type=json", "-p", `[{"op":"add","path":"/spec/minReadySeconds","value":5}]`]);
      await k(["-n", ns, "patch", "deploy", "web", "-p", `{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":"2"}]}]}}}}`]);
      await k(["-n", ns, "set", "image", "deploy/web", "nginx=nginx:1.27"]);
      expect(await k(["-n", ns, "scale", "deploy/web", "--replicas=4"])).toContain("scaled");
      const d = JSON.parse(await k(["-n", ns, "get", "deploy", "web", "-o", "json"]));
      expect(d.metadata.labels).toMatchObject({ tier: "fe", merged: "yes" });
      expect(d.metadata.annotations.note).toBe("hello");
      expect(d.spec.minReadySeconds).toBe(5);
      expect(d.spec.replicas).toBe(4);
      const ctr = d.spec.template.spec.containers[0];
      expect(ctr.image).toBe("nginx:1.27");
      // Without $setElementOrder, upstream's merge puts the patch's new items first.
      expect(ctr.env).toEqual([{ name: "B", value: "2" }, { name: "A", value: "1" }]);
      await k(["-n", ns, "label", "deploy", "web", "tier-"]);
      const after = JSON.parse(await k(["-n", ns, "get", "deploy", "web", "-o", "json"]));
      expect(after.metadata.labels.tier).toBeUndefined();
    });

    test("replace and a scripted edit update the object; a stale replace conflicts", async () => {
      const live = JSON.parse(await k(["-n", ns, "get", "cm", "cfg", "-o", "json"]));
      live.data.c = "three";
      const f = writeTemp(c.dir, `cm-${ns}.json`, JSON.stringify(live));
      expect(await k(["replace", "-f", f])).toContain("configmap/cfg replaced");
      const stale = await c.kubectl(["replace", "-f", f], { version });
      expect(stale.code).not.toBe(0);
      expect(stale.stderr).toContain("the object has been modified");
      const editor = writeTemp(c.dir, "editor.sh", `#!/bin/sh\nsed -i 's/three/edited/' "$1"\n`);
      Bun.spawnSync(["chmod", "+x", editor]);
      await c.k(["-n", ns, "edit", "cm", "cfg"], { version, env: { KUBE_EDITOR: editor } });
      expect(await k(["-n", ns, "get", "cm", "cfg", "-o", "jsonpath={.data.c}"])).toBe("edited");
    });

    test("server-side apply creates, updates, and reports conflicts unless forced", async () => {
      const f = writeTemp(c.dir, `ssa-${ns}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: ${ns}}\ndata: {k: v1}\n`);
      expect(await k(["apply", "--server-side", "-f", f])).toContain("configmap/ssa serverside-applied");
      await k(["-n", ns, "patch", "cm", "ssa", "--type=merge", "-p", `{"data":{"k":"other"}}`]);
      const f2 = writeTemp(c.dir, `ssa2-${ns}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa, namespace: ${ns}}\ndata: {k: v2}\n`);
      const conflict = await c.kubectl(["apply", "--server-side", "-f", f2], { version });
      expect(conflict.code).not.toBe(0);
      expect(conflict.stderr).toContain("conflict");
      expect(await k(["apply", "--server-side", "--force-conflicts", "-f", f2])).toContain("serverside-applied");
      expect(await k(["-n", ns, "get", "cm", "ssa", "-o", "jsonpath={.data.k}"])).toBe("v2");
    });

    test("delete accepts background, foreground and orphan cascades", async () => {
      for (const [name, cascade] of [["c1", "background"], ["c2", "foreground"], ["c3", "orphan"]]) {
        await k(["-n", ns, "create", "configmap", name, "--from-literal=a=b"]);
        expect(await k(["-n", ns, "delete", "cm", name, `--cascade=${cascade}`])).toContain(`configmap "${name}" deleted`);
      }
      const gone = await c.kubectl(["-n", ns, "get", "cm", "c1"], { version });
      expect(gone.stderr).toContain(`configmaps "c1" not found`);
    });
  });
}

describe("discovery and schema", () => {
  test("api-resources lists the served kinds with short names", async () => {
    const out = await c.k(["api-resources"]);
    expect(out).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/);
    expect(out).toMatch(/pods\s+po\s+v1\s+true\s+Pod/);
    expect(out).toMatch(/customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false/);
  });

  test("explain describes pod.spec.containers", async () => {
    const out = await c.k(["explain", "pod.spec.containers"]);
    expect(out).toContain("KIND:");
    expect(out).toContain("Pod");
    expect(out).toMatch(/image\s+<string>/);
  });

  test("get all lists the workload kinds of a namespace", async () => {
    const out = await c.k(["-n", "v1-33", "get", "all"]);
    expect(out).toContain("deployment.apps/web");
    expect(out).toContain("service/svc1");
  });

  test("diff shows a pending change and wait sees a jsonpath condition", async () => {
    const f = writeTemp(c.dir, "diff.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: v1-33}\ndata: {a: changed}\n`);
    const d = await c.kubectl(["diff", "-f", f]);
    expect(d.code).toBe(1);
    expect(d.stdout).toContain("+  a: changed");
    expect(await c.k(["-n", "v1-33", "wait", "--for=jsonpath={.data.b}=two", "cm/cfg", "--timeout=10s"])).toContain("condition met");
  });

  test("a CRD defines custom resources that kubectl creates, lists and patches", async () => {
    const crd = writeTemp(c.dir, "crd.yaml", `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
`);
    expect(await c.k(["apply", "-f", crd])).toContain("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created");
    await c.k(["wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=10s"]);
    const w = writeTemp(c.dir, "w.yaml", `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: default}\nspec: {size: 3}\n`);
    expect(await c.k(["apply", "-f", w])).toContain("widget.example.com/w1 created");
    expect(await c.k(["get", "wd"])).toMatch(/NAME\s+SIZE[\s\S]*w1\s+3/);
    await c.k(["patch", "widget", "w1", "--type=merge", "-p", `{"spec":{"size":5}}`]);
    expect(await c.k(["get", "widget", "w1", "-o", "jsonpath={.spec.size}"])).toBe("5");
    // kubectl refuses a strategic merge patch for a custom resource itself; the server answers 415 too.
    const smp = await c.kubectl(["patch", "widget", "w1", "--type=strategic", "-p", `{"spec":{"size":6}}`]);
    expect(smp.code).not.toBe(0);
    expect(smp.stderr).toContain("application/strategic-merge-patch+json is not supported");
    const raw = await c.fetch("/apis/example.com/v1/namespaces/default/widgets/w1", { method: "PATCH", body: `{"spec":{"size":6}}`, headers: { "content-type": "application/strategic-merge-patch+json" } });
    expect(raw.status).toBe(415);
    expect(((await raw.json()) as { reason: string }).reason).toBe("UnsupportedMediaType");
  });
});
