import { describe, expect, test } from "bun:test";
import { openApiV3Document, openApiV3Index } from "./index.ts";
import { refsIn } from "./document.ts";
import { builtinResources, cronTabs, explain } from "./testutil.ts";

const rts = builtinResources();
const doc = (gv: string, resources = rts) => openApiV3Document(gv, resources) as any;
const allGVs = (resources = rts) => Object.keys((openApiV3Index(resources) as any).paths);

describe("the /openapi/v3 index", () => {
  test("lists every group version with a hashed server-relative URL", () => {
    const index = openApiV3Index(rts) as any;
    expect(Object.keys(index.paths)).toEqual(
      expect.arrayContaining(["api/v1", "apis/apps/v1", "apis/batch/v1", "apis/autoscaling/v2", "apis/rbac.authorization.k8s.io/v1", "apis/apiextensions.k8s.io/v1"]),
    );
    expect(index.paths["apis/apps/v1"].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
  });

  test("hashes are stable across calls and fresh resource objects", () => {
    const a = openApiV3Index(rts);
    const b = openApiV3Index(builtinResources());
    expect(b).toEqual(a);
  });

  test("only the changed group version gets a new hash", () => {
    const before = (openApiV3Index(rts) as any).paths;
    const after = (openApiV3Index([...rts, { ...cronTabs }]) as any).paths;
    expect(after["apis/apps/v1"]).toEqual(before["apis/apps/v1"]);
    expect(after["apis/stable.example.com/v1"].serverRelativeURL).toContain("/openapi/v3/apis/stable.example.com/v1?hash=");
    const changed = rts.map((r) => (r.kind === "Deployment" ? { ...r, status: false } : r));
    expect((openApiV3Index(changed) as any).paths["apis/apps/v1"]).not.toEqual(before["apis/apps/v1"]);
  });
});

describe("group-version documents", () => {
  test("an unknown group version has no document; slashes around the path are tolerated", () => {
    expect(openApiV3Document("apis/nope/v1", rts)).toBeUndefined();
    expect(doc("/apis/apps/v1/")).toEqual(doc("apis/apps/v1"));
  });

  test("the Deployment PATCH operation carries the GVK and the fieldValidation parameter kubectl looks for", () => {
    const item = doc("apis/apps/v1").paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"];
    expect(item.patch["x-kubernetes-action"]).toBe("patch");
    expect(item.patch["x-kubernetes-group-version-kind"]).toEqual({ group: "apps", version: "v1", kind: "Deployment" });
    expect(item.patch.parameters.map((p: any) => p.name)).toEqual(["dryRun", "fieldManager", "fieldValidation", "force"]);
    expect(item.put.parameters.map((p: any) => p.name)).toEqual(["dryRun", "fieldManager", "fieldValidation"]);
    expect(item.parameters.map((p: any) => p.name)).toEqual(["name", "namespace", "pretty"]);
    // No strategic-merge-patch body: kubectl then builds SMPs from its compiled-in types.
    expect(Object.keys(item.patch.requestBody.content)).not.toContain("application/strategic-merge-patch+json");
  });

  test("collections, cluster-wide lists and subresources have their operations", () => {
    const paths = doc("apis/apps/v1").paths;
    const coll = paths["/apis/apps/v1/namespaces/{namespace}/deployments"];
    expect(coll.get["x-kubernetes-action"]).toBe("list");
    expect(coll.post["x-kubernetes-action"]).toBe("post");
    expect(coll.post.parameters.map((p: any) => p.name)).toEqual(["dryRun", "fieldManager", "fieldValidation"]);
    expect(paths["/apis/apps/v1/deployments"].get.operationId).toBe("listAppsV1DeploymentForAllNamespaces");
    expect(paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"].patch["x-kubernetes-group-version-kind"].kind).toBe("Deployment");
    const scale = paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"];
    expect(scale.patch["x-kubernetes-group-version-kind"]).toEqual({ group: "autoscaling", version: "v1", kind: "Scale" });
    expect(doc("apis/apps/v1").components.schemas["io.k8s.api.autoscaling.v1.Scale"]).toBeDefined();
    const nodes = doc("api/v1").paths;
    expect(nodes["/api/v1/nodes/{name}"].get.operationId).toBe("readCoreV1Node");
    expect(nodes["/api/v1/namespaces/{namespace}/pods/{name}"].get.operationId).toBe("readCoreV1NamespacedPod");
  });

  test("kind schemas are named like upstream and carry x-kubernetes-group-version-kind", () => {
    const names: [string, string, string][] = [
      ["api/v1", "io.k8s.api.core.v1.Pod", "Pod"],
      ["apis/apps/v1", "io.k8s.api.apps.v1.Deployment", "Deployment"],
      ["apis/autoscaling/v2", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler", "HorizontalPodAutoscaler"],
      ["apis/apiextensions.k8s.io/v1", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition", "CustomResourceDefinition"],
      ["apis/apps/v1", "io.k8s.api.apps.v1.DeploymentList", "DeploymentList"],
    ];
    for (const [gv, name, kind] of names) {
      const s = doc(gv).components.schemas[name];
      expect(s["x-kubernetes-group-version-kind"][0].kind).toBe(kind);
      expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(["apiVersion", "kind", "metadata"]));
    }
    const intOrString = doc("api/v1").components.schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"];
    expect(intOrString.format).toBe("int-or-string");
  });

  test("every kind in the registry has schema data", () => {
    for (const gv of allGVs()) {
      for (const [name, s] of Object.entries<any>(doc(gv).components.schemas)) {
        if (!s["x-kubernetes-group-version-kind"] || name.endsWith("List")) continue;
        expect({ name, open: s["x-kubernetes-preserve-unknown-fields"] ?? false }).toEqual({ name, open: false });
      }
    }
  });

  test("every $ref in every document resolves inside that document", () => {
    const withCrd = [...rts, cronTabs];
    for (const gv of allGVs(withCrd)) {
      const d = doc(gv, withCrd);
      const missing = [...refsIn(d)].filter((r) => !d.components.schemas[r]);
      expect({ gv, missing }).toEqual({ gv, missing: [] });
    }
  });
});

describe("what kubectl explain sees", () => {
  test("pod.spec.containers lists container fields with their types", () => {
    const containers = explain(doc("api/v1"), "Pod", ["spec", "containers"]);
    expect(containers.required).toEqual(["name"]);
    expect(Object.keys(containers.properties)).toEqual(expect.arrayContaining(["name", "image", "command", "ports", "env", "resources", "volumeMounts"]));
    expect(containers.properties.command).toMatchObject({ type: "array", items: { type: "string" } });
    expect(containers.properties.image.description).toBeTruthy();
    expect(containers.properties.ports["x-kubernetes-patch-merge-key"]).toBe("containerPort");
  });

  test("deployment.spec has replicas, selector, template and strategy", () => {
    const spec = explain(doc("apis/apps/v1"), "Deployment", ["spec"]);
    expect(spec.required).toEqual(["selector", "template"]);
    expect(spec.properties.replicas).toMatchObject({ type: "integer", format: "int32" });
    expect(spec.properties.template.allOf[0].$ref).toBe("#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec");
    expect(explain(doc("apis/apps/v1"), "Deployment", ["spec", "strategy", "rollingUpdate"]).properties.maxSurge.allOf[0].$ref).toContain("IntOrString");
  });

  test("svc.spec.ports has port, targetPort, protocol and nodePort", () => {
    const ports = explain(doc("api/v1"), "Service", ["spec", "ports"]);
    expect(ports.required).toEqual(["port"]);
    expect(Object.keys(ports.properties).sort()).toEqual(["appProtocol", "name", "nodePort", "port", "protocol", "targetPort"]);
    expect(explain(doc("api/v1"), "Service", ["spec", "selector"])).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
  });

  test("a custom resource uses its CRD schema with ObjectMeta metadata", () => {
    const d = doc("apis/stable.example.com/v1", [...rts, cronTabs]);
    const s = d.components.schemas["com.example.stable.v1.CronTab"];
    expect(s["x-kubernetes-group-version-kind"]).toEqual([{ group: "stable.example.com", kind: "CronTab", version: "v1" }]);
    expect(s.properties.metadata.allOf[0].$ref).toBe("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    expect(explain(d, "CronTab", ["spec"]).properties.cronSpec).toEqual({ type: "string" });
    expect(d.paths["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/status"]).toBeDefined();
  });
});
