// The generic resource handler's answers for subresources it does not serve yet.
import { describe, expect } from "bun:test";
import { json, post, rejects, type Api } from "../bad-input-cases.ts";
import { send } from "../fuzz-send.ts";

describe("streaming pod subresources", () => {
  const onPod = async (a: Api) => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx" }] } };
    expect((await send(a.app, post(json(pod), "application/json", "/api/v1/namespaces/default/pods"))).status).toBe(201);
  };
  const at = (method: string, sub: string) => ({ method, path: `/api/v1/namespaces/default/pods/p/${sub}`, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
  rejects([
    ...["PUT", "POST", "DELETE", "PATCH"].map((m) => ({ name: `${m} on pods/log is 405`, setup: onPod, req: at(m, "log"), status: 405, reason: "MethodNotAllowed" })),
    ...["exec", "attach", "portforward"].flatMap((sub) => ["PUT", "DELETE"].map((m) => ({ name: `${m} on pods/${sub} is 405`, setup: onPod, req: at(m, sub), status: 405, reason: "MethodNotAllowed" }))),
    { name: "GET on pods/log is 501 until the agent serves it", setup: onPod, req: at("GET", "log"), status: 501, reason: "NotImplemented" },
    { name: "POST on pods/exec is 501 until the agent serves it", setup: onPod, req: at("POST", "exec"), status: 501, reason: "NotImplemented" },
  ]);
});
