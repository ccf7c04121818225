// ObjectMeta in full, inlined structs, unknown fields and the wire-format corners of the decoder.
import { describe, expect, test } from "bun:test";
import { BinaryWriter } from "@bufbuild/protobuf/wire";
import { decodeKubernetesProtobuf } from "./index.ts";
import { encode, entry, envelope, type WireFields } from "./wire-builder.ts";

const decode = (apiVersion: string, kind: string, raw: WireFields | Uint8Array) =>
  decodeKubernetesProtobuf(envelope(apiVersion, kind, raw)).object;

describe("ObjectMeta and shared shapes", () => {
  test("every ObjectMeta field decodes, with times as RFC 3339 and fieldsV1 as JSON", () => {
    const meta: WireFields = [
      [1, "web"],
      [2, "web-"],
      [3, "default"],
      [4, "/apis/apps/v1/namespaces/default/deployments/web"],
      [5, "1b4f"],
      [6, "42"],
      [7, 3],
      [8, [[1, 1700000000], [2, 123456789]]],
      [9, [[1, 1700000600]]],
      [10, 0],
      [11, entry("app", "web")],
      [12, entry("note", "hi")],
      [13, [[1, "ReplicaSet"], [3, "web-1"], [4, "u-1"], [5, "apps/v1"], [6, true], [7, false]]],
      [14, "foregroundDeletion"],
      [
        17,
        [
          [1, "kubectl-create"],
          [2, "Update"],
          [3, "apps/v1"],
          [4, [[1, 1700000000]]],
          [6, "FieldsV1"],
          [7, [[1, new TextEncoder().encode('{"f:metadata":{"f:labels":{}}}')]]],
          [8, ""],
        ],
      ],
    ];
    expect(decode("v1", "ConfigMap", [[1, meta]]).metadata).toStrictEqual({
      name: "web",
      generateName: "web-",
      namespace: "default",
      selfLink: "/apis/apps/v1/namespaces/default/deployments/web",
      uid: "1b4f",
      resourceVersion: "42",
      generation: 3,
      creationTimestamp: "2023-11-14T22:13:20Z",
      deletionTimestamp: "2023-11-14T22:23:20Z",
      deletionGracePeriodSeconds: 0,
      labels: { app: "web" },
      annotations: { note: "hi" },
      ownerReferences: [
        { kind: "ReplicaSet", name: "web-1", uid: "u-1", apiVersion: "apps/v1", controller: true, blockOwnerDeletion: false },
      ],
      finalizers: ["foregroundDeletion"],
      managedFields: [
        {
          manager: "kubectl-create",
          operation: "Update",
          apiVersion: "apps/v1",
          time: "2023-11-14T22:13:20Z",
          fieldsType: "FieldsV1",
          fieldsV1: { "f:metadata": { "f:labels": {} } },
        },
      ],
    });
  });

  test("inlined structs merge into their parent: selector names, probe handlers, volume sources", () => {
    const container: WireFields = [
      [1, "app"],
      [7, [[1, "PASSWORD"], [3, [[4, [[1, [[1, "db"]]], [2, "pw"], [3, true]]]]]]],
      [10, [[1, [[2, [[1, "/healthz"], [2, [[1, 1], [3, "http"]]]]]]], [2, 5]]],
      [9, [[1, "cfg"], [3, "/etc/cfg"], [2, true]]],
    ];
    const spec: WireFields = [
      [1, [[1, "cfg"], [2, [[19, [[1, [[1, "app-config"]]], [3, 420]]]]]]],
      [2, container],
      [22, [[1, "node.kubernetes.io/not-ready"], [2, "Exists"], [4, "NoExecute"], [5, 300]]],
      [7, entry("disk", "ssd")],
      [18, [[1, [[1, [[1, [[1, [[1, "zone"], [2, "In"], [3, "a"], [3, "b"]]]]]]]]]]],
    ];
    expect(decode("v1", "Pod", [[2, spec]]).spec).toStrictEqual({
      volumes: [{ name: "cfg", configMap: { name: "app-config", defaultMode: 420 } }],
      containers: [
        {
          name: "app",
          env: [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "pw", optional: true } } }],
          livenessProbe: { httpGet: { path: "/healthz", port: "http" }, initialDelaySeconds: 5 },
          volumeMounts: [{ name: "cfg", mountPath: "/etc/cfg", readOnly: true }],
        },
      ],
      tolerations: [{ key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 }],
      nodeSelector: { disk: "ssd" },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }] }],
          },
        },
      },
    });
  });

  test("a Deployment selector with matchExpressions and a rolling-update strategy decodes", () => {
    const spec: WireFields = [
      [2, [[2, [[1, "tier"], [2, "NotIn"], [3, "cache"]]], [2, [[1, "app"], [2, "Exists"]]]]],
      [4, [[1, "RollingUpdate"], [2, [[1, [[1, 1], [3, "25%"]]], [2, [[1, 0], [2, 1]]]]]]],
    ];
    expect(decode("apps/v1", "Deployment", [[2, spec]]).spec).toStrictEqual({
      selector: {
        matchExpressions: [
          { key: "tier", operator: "NotIn", values: ["cache"] },
          { key: "app", operator: "Exists" },
        ],
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: 1 } },
    });
  });

  test("unknown fields of every wire type are skipped", () => {
    const raw = encode([[1, [[1, "x"], [99, "unknown"], [98, 7]]], [50, [[1, "nested"]]], [51, 123456789n]]);
    expect(decode("v1", "ConfigMap", raw)).toStrictEqual({ kind: "ConfigMap", apiVersion: "v1", metadata: { name: "x" } });
  });

  test("packed and unpacked repeated integers both decode", () => {
    const packed = new BinaryWriter().int64(1000).int64(2000).finish();
    const raw: WireFields = [[2, [[14, [[4, 1], [4, packed]]]]]];
    expect(decode("v1", "Pod", raw).spec).toStrictEqual({ securityContext: { supplementalGroups: [1, 1000, 2000] } });
  });

  test("a map key named __proto__ becomes an ordinary key", () => {
    const obj = decode("v1", "ConfigMap", [[2, entry("__proto__", "x")]]);
    const data = obj.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(["__proto__"]);
    expect(JSON.stringify(obj.data)).toBe('{"__proto__":"x"}');
  });

  test("DeleteOptions decodes under any apiVersion, keeping gracePeriodSeconds: 0", () => {
    const obj = decode("apps/v1", "DeleteOptions", [[1, 0], [4, "Background"], [2, [[1, "u-1"]]]]);
    expect(obj).toStrictEqual({
      kind: "DeleteOptions",
      apiVersion: "apps/v1",
      gracePeriodSeconds: 0,
      propagationPolicy: "Background",
      preconditions: { uid: "u-1" },
    });
  });

  test("an Eviction carries its DeleteOptions", () => {
    const obj = decode("policy/v1", "Eviction", [[1, [[1, "p1"], [3, "default"]]], [2, [[1, 30]]]]);
    expect(obj).toStrictEqual({
      kind: "Eviction",
      apiVersion: "policy/v1",
      metadata: { name: "p1", namespace: "default" },
      deleteOptions: { gracePeriodSeconds: 30 },
    });
  });

  test("a Lease keeps pointer zeros and formats MicroTime with six fractional digits", () => {
    const spec: WireFields = [[1, "node-a"], [2, 40], [3, [[1, 1700000000], [2, 5000]]], [5, 0]];
    expect(decode("coordination.k8s.io/v1", "Lease", [[2, spec]]).spec).toStrictEqual({
      holderIdentity: "node-a",
      leaseDurationSeconds: 40,
      acquireTime: "2023-11-14T22:13:20.000005Z",
      leaseTransitions: 0,
    });
  });

  test("negative int32 and int64 values survive their ten-byte varints", () => {
    const obj = decode("v1", "Pod", [[2, [[25, -5], [4, -1]]]]);
    expect(obj.spec).toStrictEqual({ priority: -5, terminationGracePeriodSeconds: -1 });
  });
});
