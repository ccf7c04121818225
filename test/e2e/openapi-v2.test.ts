// /openapi/v2 with the real kubectl: 1.27 downloads it (protobuf only) before apply, create -f,
// replace -f and edit; every version needs it for `kind: List` files, which are validated
// client-side against it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startCluster, writeTemp, type Cluster } from "./harness.ts";

let c: Cluster;
beforeAll(async () => {
  c = await startCluster();
});
afterAll(async () => {
  await c?.stop();
});

const deployment = (name: string, replicas: number, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}${extra}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
`;

const configMap = (name: string, value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  key: "${value}"
`;

describe("kubectl 1.27", () => {
  const k = (args: string[]) => c.k(args, { version: "1.27" });

  test("apply -f of a Deployment reports created, then configured, then unchanged", async () => {
    const f1 = writeTemp(c.dir, "web-1.yaml", deployment("web", 1));
    const f2 = writeTemp(c.dir, "web-2.yaml", deployment("web", 2));
    expect(await k(["apply", "-f", f1])).toContain("deployment.apps/web created");
    expect(await k(["apply", "-f", f2])).toContain("deployment.apps/web configured");
    expect(await k(["apply", "-f", f2])).toContain("deployment.apps/web unchanged");
    expect(await k(["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"])).toBe("2");
  });

  test("create -f, then replace -f", async () => {
    expect(await k(["create", "-f", writeTemp(c.dir, "cm-1.yaml", configMap("settings", "1"))])).toContain("configmap/settings created");
    expect(await k(["replace", "-f", writeTemp(c.dir, "cm-2.yaml", configMap("settings", "2"))])).toContain("configmap/settings replaced");
    expect(await k(["get", "cm", "settings", "-o", "jsonpath={.data.key}"])).toBe("2");
  });

  test("apply -f with an unknown field is refused by the server's strict validation", async () => {
    const f = writeTemp(c.dir, "bad.yaml", deployment("bad", 1, "\n  foo: bar"));
    const r = await c.kubectl(["apply", "-f", f], { version: "1.27" });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('strict decoding error: unknown field "spec.foo"');
  });

  test("explain pod.spec.containers", async () => {
    const out = await k(["explain", "pod.spec.containers"]);
    expect(out).toContain("KIND:");
    expect(out).toContain("Pod");
    expect(out).toMatch(/containers\s+<\[\]/);
    expect(out).toContain("image");
    // The same from the v2 document, as older kubectl versions explain.
    const v2 = await k(["explain", "pod.spec.containers", "--output=plaintext-openapiv2"]);
    expect(v2).toMatch(/RESOURCE: containers <\[\]Object>/);
    expect(v2).toContain("image");
  });
});

describe("kubectl 1.33", () => {
  test("apply -f of a kind: List file with two ConfigMaps", async () => {
    const items = [configMap("listed-a", "a"), configMap("listed-b", "b")]
      .map((cm) => cm.trimEnd().split("\n").map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`)).join("\n"))
      .join("\n");
    const f = writeTemp(c.dir, "list.yaml", `apiVersion: v1\nkind: List\nitems:\n${items}\n`);
    const out = await c.k(["apply", "-f", f], { version: "1.33" });
    expect(out).toContain("configmap/listed-a created");
    expect(out).toContain("configmap/listed-b created");
    expect(await c.k(["apply", "-f", f], { version: "1.33" })).toContain("configmap/listed-a unchanged");
    expect(await c.k(["get", "cm", "listed-b", "-o", "jsonpath={.data.key}"], { version: "1.33" })).toBe("b");
  });
});
