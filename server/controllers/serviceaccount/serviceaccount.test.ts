import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { waitUntil } from "../../../shared/controller/testing.ts";
import { controllerEnv, NAMESPACES } from "../testing.ts";
import { SERVICE_ACCOUNTS } from "./index.ts";

let env: Awaited<ReturnType<typeof controllerEnv>>;
beforeEach(async () => {
  env = await controllerEnv();
});
afterEach(async () => {
  await env.close();
});

const defaultSa = (ns: string) => env.find(SERVICE_ACCOUNTS, "default", ns);

describe("the default ServiceAccount", () => {
  test("every namespace has one, the system ones and each new one", async () => {
    for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease"]) await waitUntil(`default SA in ${ns}`, () => defaultSa(ns));
    for (const ns of ["team-a", "team-b"]) await env.client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    for (const ns of ["team-a", "team-b"]) await waitUntil(`default SA in ${ns}`, () => defaultSa(ns));
  });

  test("is created again after someone deletes it", async () => {
    const first = await waitUntil("default SA", () => defaultSa("default"));
    await env.client.delete(SERVICE_ACCOUNTS, "default", { namespace: "default" });
    const again = await waitUntil("a new default SA", async () => {
      const sa = await defaultSa("default");
      return sa && sa.metadata.uid !== first.metadata.uid ? sa : undefined;
    });
    expect(again.metadata.name).toBe("default");
  });

  test("a terminating namespace gets none back", async () => {
    await env.client.create(NAMESPACES, { apiVersion: "v1", kind: "Namespace", metadata: { name: "leaving" } });
    await waitUntil("default SA in leaving", () => defaultSa("leaving"));
    await env.client.delete(NAMESPACES, "leaving");
    await env.gone(NAMESPACES, "leaving");
    expect(await defaultSa("leaving")).toBeUndefined();
  });
});
