import { afterEach, describe, expect, test } from "bun:test";
import type { ConfigMap, Secret } from "kubernetes-types/core/v1";
import type { ObjectGetter } from "./env-refs.ts";
import { runcHarness, shPod, waitUntil, type RuncHarness } from "./testing.ts";

const objects: ObjectGetter = {
  configMap: async (ns, name) => (ns === "default" && name === "settings" ? ({ data: { MODE: "fast", LEVEL: "3" } } as ConfigMap) : undefined),
  secret: async (ns, name) => (ns === "default" && name === "creds" ? ({ data: { password: btoa("s3cret") } } as Secret) : undefined),
};

let h: RuncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("runc env from ConfigMaps and Secrets", () => {
  test("envFrom with a prefix and configMapKeyRef/secretKeyRef values reach the process; env overrides envFrom", async () => {
    h = await runcHarness({ objects });
    const pod = shPod("cfg", 'echo "$CFG_MODE $CFG_LEVEL $PASSWORD $LEVEL"', { restartPolicy: "Never" }, {
      envFrom: [{ prefix: "CFG_", configMapRef: { name: "settings" } }, { configMapRef: { name: "settings" } }, { secretRef: { name: "absent", optional: true } }],
      env: [
        { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "creds", key: "password" } } },
        { name: "LEVEL", value: "override" },
      ],
    });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h!.runtime.podStatus(uid))!.containers[0]!.current.state === "terminated", "the container to exit");
    let out = "";
    for await (const c of h.runtime.logs(uid, "main")) out += new TextDecoder().decode(c);
    expect(out).toBe("fast 3 s3cret override\n");
  });

  test("a missing key that is not optional keeps the container waiting with CreateContainerConfigError", async () => {
    h = await runcHarness({ objects });
    const pod = shPod("nokey", "true", {}, { env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "settings", key: "nope" } } }] });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => {
      const cur = (await h!.runtime.podStatus(uid))!.containers[0]!.current;
      return cur.state === "waiting" && cur.reason === "CreateContainerConfigError";
    }, "the config error");
    expect((await h.runtime.podStatus(uid))!.containers[0]!.current).toMatchObject({ message: "couldn't find key nope in ConfigMap default/settings" });
  });
});
