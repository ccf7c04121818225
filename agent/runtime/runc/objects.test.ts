import { afterEach, describe, expect, test } from "bun:test";
import type { ConfigMap, Secret } from "kubernetes-types/core/v1";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

describe("runc env and volumes from ConfigMaps, Secrets and the downward API", () => {
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

  test("configMap, secret and downwardAPI volumes hold their files, with items, modes and read-only mounts", async () => {
    h = await runcHarness({ objects });
    const script = "cat /cfg/mode.txt; echo; cat /sec/password; echo; stat -c %a /sec/password; cat /info/name; echo; ls /cfg; touch /cfg/x 2>/dev/null || echo read-only";
    const pod = shPod("vol", script, {
      restartPolicy: "Never",
      volumes: [
        { name: "cfg", configMap: { name: "settings", items: [{ key: "MODE", path: "mode.txt" }] } },
        { name: "sec", secret: { secretName: "creds", defaultMode: 0o400 } },
        { name: "info", downwardAPI: { items: [{ path: "name", fieldRef: { fieldPath: "metadata.name" } }] } },
      ],
    }, { volumeMounts: [{ name: "cfg", mountPath: "/cfg" }, { name: "sec", mountPath: "/sec" }, { name: "info", mountPath: "/info" }] });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h!.runtime.podStatus(uid))!.containers[0]!.current.state === "terminated", "the container to exit");
    let out = "";
    for await (const c of h.runtime.logs(uid, "main")) out += new TextDecoder().decode(c);
    expect(out).toBe("fast\ns3cret\n400\nvol\nmode.txt\nread-only\n");
  });
  test("a projected volume merges a pod-bound service account token, a configMap, a secret and the downward API, with defaultMode", async () => {
    const asked: unknown[] = [];
    const withTokens: ObjectGetter = {
      ...objects,
      serviceAccountToken: async (ns, name, spec) => {
        asked.push({ ns, name, spec });
        return { token: "tok-1", expirationTimestamp: new Date(Date.now() + 3600_000).toISOString() };
      },
    };
    h = await runcHarness({ objects: withTokens });
    const script = "cd /sa; cat token; echo; cat mode; echo; cat pw; echo; cat namespace; echo; stat -c %a token; ls";
    const pod = shPod("proj", script, {
      restartPolicy: "Never",
      serviceAccountName: "robot",
      volumes: [{
        name: "sa",
        projected: {
          defaultMode: 0o440,
          sources: [
            { serviceAccountToken: { path: "token", expirationSeconds: 3607, audience: "vault" } },
            { configMap: { name: "settings", items: [{ key: "MODE", path: "mode" }] } },
            { secret: { name: "creds", items: [{ key: "password", path: "pw" }] } },
            { downwardAPI: { items: [{ path: "namespace", fieldRef: { fieldPath: "metadata.namespace" } }] } },
          ],
        },
      }],
    }, { volumeMounts: [{ name: "sa", mountPath: "/sa", readOnly: true }] });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h!.runtime.podStatus(uid))!.containers[0]!.current.state === "terminated", "the container to exit");
    let out = "";
    for await (const c of h.runtime.logs(uid, "main")) out += new TextDecoder().decode(c);
    expect(out).toBe("tok-1\nfast\ns3cret\ndefault\n440\nmode\nnamespace\npw\ntoken\n");
    expect(asked).toEqual([{ ns: "default", name: "robot", spec: { audiences: ["vault"], expirationSeconds: 3607, boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "proj", uid } } }]);
  });

  test("a pod adopted by a new runtime gets its token file replaced, since the old runtime's refresh died with it", async () => {
    let n = 0;
    const withTokens: ObjectGetter = { ...objects, serviceAccountToken: async () => ({ token: `tok-${++n}`, expirationTimestamp: new Date(Date.now() + 3600_000).toISOString() }) };
    h = await runcHarness({ objects: withTokens });
    const pod = shPod("adopted", "sleep 3600", { volumes: [{ name: "sa", projected: { sources: [{ serviceAccountToken: { path: "token" } }] } }] }, { volumeMounts: [{ name: "sa", mountPath: "/sa" }] });
    const uid = pod.metadata!.uid!;
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h!.runtime.podStatus(uid))!.containers[0]!.current.state === "running", "the container to run");
    const file = join(h.opts.dataDir, "agent/pods", uid, "volumes/sa/token");
    expect(readFileSync(file, "utf8")).toBe("tok-1");
    await h.runtime.close();
    const rt = await h.reopen();
    await waitUntil(() => readFileSync(file, "utf8") === "tok-2", "the token file replaced after adoption");
    expect((await rt.podStatus(uid))!.containers[0]!.restartCount).toBe(0);
  });
});
