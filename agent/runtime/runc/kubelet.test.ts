// The kubelet's pod sync over the runc runtime: the statuses it writes for real containers.
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Client } from "../../../shared/client/index.ts";
import { realClock } from "../../../shared/controller/index.ts";
import { createLogger } from "../../../shared/log.ts";
import { PodSyncer, StatusWriter, type PodObject } from "../../kubelet/index.ts";
import { runcHarness, shPod, SLEEP_FOREVER, waitUntil, type RuncHarness } from "./testing.ts";

/** Pods in a Map behind GET and PUT …/status. */
function fakeApi() {
  const pods = new Map<string, PodObject>();
  let rv = 1;
  const json = (v: unknown, status = 200) => new Response(JSON.stringify(v), { status, headers: { "content-type": "application/json" } });
  const fetch = async (req: Request) => {
    const m = new URL(req.url).pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)(\/status)?$/);
    const cur = m && pods.get(`${m[1]}/${m[2]}`);
    if (!cur) return json({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "NotFound", code: 404 }, 404);
    if (req.method !== "PUT") return json(cur);
    const body = (await req.json()) as PodObject;
    const next = { ...cur, status: body.status, metadata: { ...cur.metadata, resourceVersion: String(++rv) } };
    pods.set(`${m[1]}/${m[2]}`, next);
    return json(next);
  };
  const put = (pod: ReturnType<typeof shPod>) => pods.set(`default/${pod.metadata!.name}`, { ...pod, metadata: { ...pod.metadata, resourceVersion: String(++rv) } } as PodObject);
  return { pods, put, client: new Client({ baseUrl: "http://kubun.test", fetch }) };
}

let h: RuncHarness;
beforeEach(async () => {
  h = await runcHarness();
});
afterEach(async () => {
  await h.close();
});

describe("kubelet over the runc runtime", () => {
  test("pod status follows the real containers: Running with a runc container id, then Succeeded", async () => {
    const api = fakeApi();
    const source = { get: (k: string) => api.pods.get(k), list: () => [...api.pods.values()], on: () => () => {}, waitForSync: async () => {}, stop: async () => {} };
    const syncer = new PodSyncer({ client: api.client, runtime: h.runtime, pods: source, writer: new StatusWriter(api.client), clock: realClock, hostIP: () => "172.30.0.1", log: createLogger("error", {}, () => true) });
    api.put(shPod("web", SLEEP_FOREVER));
    api.put(shPod("job", "echo done", { restartPolicy: "Never" }));
    const phase = async (name: string) => {
      await syncer.sync(`default/${name}`);
      return api.pods.get(`default/${name}`)!.status?.phase;
    };
    await waitUntil(async () => (await phase("web")) === "Running", "web to be Running");
    const web = api.pods.get("default/web")!.status!;
    expect(web.containerStatuses![0]).toMatchObject({ name: "main", ready: true, restartCount: 0, state: { running: {} } });
    expect(web.containerStatuses![0]!.containerID).toStartWith("runc://");
    expect(web.conditions!.find((c) => c.type === "Ready")?.status).toBe("True");
    await waitUntil(async () => (await phase("job")) === "Succeeded", "job to succeed");
    expect(api.pods.get("default/job")!.status!.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
  });
});
