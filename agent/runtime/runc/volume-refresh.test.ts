// Object volumes follow their ConfigMaps and Secrets while the pod runs: the pure refresh on a
// pod dir, and a running runc container reading the new content through its mount.
import { afterEach, expect, test } from "bun:test";
import type { ConfigMap, Pod, Secret } from "kubernetes-types/core/v1";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ObjectGetter } from "./env-refs.ts";
import { refreshObjectVolumes, writeObjectVolumes } from "./object-volumes.ts";
import { PodPaths } from "./paths.ts";
import { runcHarness, shPod, waitUntil, type RuncHarness } from "./testing.ts";

function store() {
  const cms = new Map<string, ConfigMap>();
  const secrets = new Map<string, Secret>();
  const objects: ObjectGetter = {
    configMap: async (_ns, name) => structuredClone(cms.get(name)),
    secret: async (_ns, name) => structuredClone(secrets.get(name)),
  };
  return { cms, secrets, objects };
}

const dirs: string[] = [];
let h: RuncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

test("refresh replaces changed files, adds new keys, removes dropped ones, and keeps files when the object is gone", async () => {
  const { cms, secrets, objects } = store();
  cms.set("app", { data: { mode: "fast", level: "3" } });
  secrets.set("creds", { data: { password: btoa("one") } });
  const pod: Pod = {
    metadata: { name: "p", namespace: "default", uid: "u-1" },
    spec: {
      containers: [{ name: "c" }],
      volumes: [
        { name: "cfg", configMap: { name: "app", defaultMode: 0o640 } },
        { name: "sec", secret: { secretName: "creds" } },
        { name: "proj", projected: { sources: [{ configMap: { name: "app", items: [{ key: "mode", path: "sub/mode" }] } }] } },
      ],
    },
  };
  const dir = mkdtempSync(join(tmpdir(), "kubun-volrefresh-"));
  dirs.push(dir);
  const paths = new PodPaths(dir, "u-1");
  await writeObjectVolumes(pod, paths, objects, undefined);
  const read = (v: string, f: string) => readFileSync(join(paths.volume(v), f), "utf8");
  expect(await refreshObjectVolumes(pod, paths, objects, undefined)).toBe(0);

  cms.set("app", { data: { mode: "slow", extra: "x" } });
  secrets.set("creds", { data: { password: btoa("two") } });
  expect(await refreshObjectVolumes(pod, paths, objects, undefined)).toBe(5); // cfg: mode, extra, -level; sec: password; proj: sub/mode
  expect(read("cfg", "mode")).toBe("slow");
  expect(read("cfg", "extra")).toBe("x");
  expect(statSync(join(paths.volume("cfg"), "extra")).mode & 0o777).toBe(0o640);
  expect(existsSync(join(paths.volume("cfg"), "level"))).toBe(false);
  expect(read("sec", "password")).toBe("two");
  expect(read("proj", "sub/mode")).toBe("slow");

  cms.delete("app");
  expect(await refreshObjectVolumes(pod, paths, objects, undefined)).toBe(0);
  expect(read("cfg", "mode")).toBe("slow");
});

test("a running container sees a ConfigMap update in its mounted volume", async () => {
  const { cms, objects } = store();
  cms.set("app", { data: { greeting: "hello" } });
  h = await runcHarness({ objects, volumeRefreshMs: 100 });
  const pod = shPod("watcher", "while true; do cat /cfg/greeting; echo; sleep 0.1; done", {
    volumes: [{ name: "cfg", configMap: { name: "app" } }],
  }, { volumeMounts: [{ name: "cfg", mountPath: "/cfg" }] });
  const uid = pod.metadata!.uid!;
  await h.runtime.createPod(pod);
  const logText = async () => {
    let out = "";
    for await (const c of h!.runtime.logs(uid, "main")) out += new TextDecoder().decode(c);
    return out;
  };
  await waitUntil(async () => (await logText()).includes("hello"), "the container to print hello", 10_000);
  cms.set("app", { data: { greeting: "updated" } });
  await waitUntil(async () => (await logText()).includes("updated"), "the container to print the updated value", 10_000);
});
