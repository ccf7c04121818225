// Hand-built bodies (BinaryWriter) shaped like client-go's gogo marshalling: every non-pointer scalar
// is on the wire, zero or not, and every non-pointer struct is an (often empty) message.
import { describe, expect, test } from "bun:test";
import { decodeKubernetesProtobuf } from "./index.ts";
import { encode, entry, envelope, type WireFields } from "./wire-builder.ts";

/** ObjectMeta as gogo writes it: all strings and generation present, creationTimestamp an empty message. */
function objectMeta(name: string, labels: Record<string, string> = {}): WireFields {
  return [
    [1, name],
    [2, ""],
    [3, ""],
    [4, ""],
    [5, ""],
    [6, ""],
    [7, 0],
    [8, []],
    ...Object.entries(labels).map(([k, v]) => [11, entry(k, v)] as const),
    [15, ""],
  ];
}

const decode = (apiVersion: string, kind: string, raw: WireFields) =>
  decodeKubernetesProtobuf(envelope(apiVersion, kind, raw)).object;

describe("decodeKubernetesProtobuf", () => {
  test("a Deployment like `kubectl create deployment web --image=nginx --replicas=2` matches the 1.31 JSON", () => {
    const container: WireFields = [
      [1, "nginx"],
      [2, "nginx"],
      [5, ""],
      [8, []],
      [13, ""],
      [14, ""],
      [16, false],
      [17, false],
      [18, false],
      [20, ""],
    ];
    const podSpec: WireFields = [
      [2, container],
      [3, ""],
      [6, ""],
      [8, ""],
      [9, ""],
      [10, ""],
      [11, false],
      [12, false],
      [13, false],
      [16, ""],
      [17, ""],
      [19, ""],
      [24, ""],
    ];
    const raw: WireFields = [
      [1, objectMeta("web", { app: "web" })],
      [
        2,
        [
          [1, 2],
          [2, [[1, entry("app", "web")]]],
          [3, [[1, objectMeta("", { app: "web" })], [2, podSpec]]],
          [4, [[1, ""]]],
          [5, 0],
          [7, false],
        ],
      ],
      [3, [[1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [7, 0]]],
    ];
    expect(decode("apps/v1", "Deployment", raw)).toStrictEqual({
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: { name: "web", labels: { app: "web" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  test("a pointer zero such as spec.replicas: 0 is kept while omitempty zeros are dropped", () => {
    const obj = decode("apps/v1", "Deployment", [[2, [[1, 0], [5, 0], [6, 0], [7, false]]]]);
    expect(obj.spec).toStrictEqual({ replicas: 0, revisionHistoryLimit: 0 });
  });

  test("a ConfigMap keeps data strings and base64-encodes binaryData", () => {
    const obj = decode("v1", "ConfigMap", [
      [1, objectMeta("cfg")],
      [2, entry("key1", "config1")],
      [2, entry("empty", "")],
      [3, entry("blob", new Uint8Array([0x68, 0x69, 0xff, 0x00]))],
    ]);
    expect(obj).toStrictEqual({
      kind: "ConfigMap",
      apiVersion: "v1",
      metadata: { name: "cfg" },
      data: { key1: "config1", empty: "" },
      binaryData: { blob: "aGn/AA==" },
    });
  });

  test("a Secret's data bytes become base64 and its type is kept", () => {
    const obj = decode("v1", "Secret", [
      [1, objectMeta("sec")],
      [2, entry("password", new TextEncoder().encode("s3cr3t"))],
      [3, "Opaque"],
    ]);
    expect(obj).toStrictEqual({
      kind: "Secret",
      apiVersion: "v1",
      metadata: { name: "sec" },
      data: { password: "czNjcjN0" },
      type: "Opaque",
    });
  });

  test("a Service's targetPort IntOrString decodes to a number or a string", () => {
    const port = (name: string, target: WireFields, nodePort = 0): WireFields => [
      [1, name],
      [2, "TCP"],
      [3, 80],
      [4, target],
      [5, nodePort],
    ];
    const obj = decode("v1", "Service", [
      [1, objectMeta("svc")],
      [
        2,
        [
          [1, port("http", [[1, 0], [2, 8080], [3, ""]], 30080)],
          [1, port("named", [[1, 1], [2, 0], [3, "web"]])],
          [2, entry("app", "svc")],
          [3, ""],
          [4, "NodePort"],
          [10, ""],
          [12, 0],
          [13, false],
        ],
      ],
      [3, [[1, []]]],
    ]);
    expect(obj.spec).toStrictEqual({
      ports: [
        { name: "http", protocol: "TCP", port: 80, targetPort: 8080, nodePort: 30080 },
        { name: "named", protocol: "TCP", port: 80, targetPort: "web" },
      ],
      selector: { app: "svc" },
      type: "NodePort",
    });
    expect(obj.status).toStrictEqual({ loadBalancer: {} });
  });

  test("a Namespace with empty spec and status keeps both as {}", () => {
    expect(decode("v1", "Namespace", [[1, objectMeta("ns1")], [2, []], [3, [[1, ""]]]])).toStrictEqual({
      kind: "Namespace",
      apiVersion: "v1",
      metadata: { name: "ns1" },
      spec: {},
      status: {},
    });
  });

  test("an Event keeps its required reporting fields and formats eventTime as MicroTime", () => {
    const obj = decode("v1", "Event", [
      [1, objectMeta("web.1")],
      [2, [[1, "Pod"], [2, "default"], [3, "web"]]],
      [3, "Started"],
      [6, []],
      [7, []],
      [8, 0],
      [9, "Normal"],
      [10, [[1, 1700000000], [2, 250_000_000]]],
      [14, ""],
      [15, ""],
    ]);
    expect(obj).toStrictEqual({
      kind: "Event",
      apiVersion: "v1",
      metadata: { name: "web.1" },
      involvedObject: { kind: "Pod", namespace: "default", name: "web" },
      reason: "Started",
      type: "Normal",
      eventTime: "2023-11-14T22:13:20.250000Z",
      reportingComponent: "",
      reportingInstance: "",
    });
  });
});
