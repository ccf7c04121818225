import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import { checkLogStatus } from "./log-status.ts";
import { chooseContainer, requireNode } from "./target.ts";

const pod = (containers: string[], init: string[] = [], status: Pod["status"] = {}): Pod => ({
  metadata: { name: "web", namespace: "default", uid: "u" },
  spec: { containers: containers.map((name) => ({ name })), initContainers: init.map((name) => ({ name })) },
  status,
});

describe("choosing the container", () => {
  test("the only container is chosen when none is named; a named one must exist, init containers included", () => {
    expect(chooseContainer(pod(["app"]), null, "log")).toBe("app");
    expect(chooseContainer(pod(["app"], ["setup"]), "setup", "stream")).toBe("setup");
    expect(() => chooseContainer(pod(["app"]), "db", "log")).toThrow("container db is not valid for pod web");
  });

  test("with several containers and none named, the messages list them as upstream does for logs and for exec", () => {
    expect(() => chooseContainer(pod(["a", "b"], ["i"]), null, "log")).toThrow("a container name must be specified for pod web, choose one of: [i a b]");
    expect(() => chooseContainer(pod(["a", "b"], ["i"]), null, "stream")).toThrow("a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [i]");
  });

  test("exec into a pod no node runs is a 400", () => {
    expect(() => requireNode(pod(["app"]))).toThrow("pod web does not have a host assigned");
  });
});

describe("whether a container has a log", () => {
  const cs = (state: object, last?: object) => ({ containerStatuses: [{ name: "app", image: "i", imageID: "", ready: false, restartCount: 0, state, lastState: last }] });

  test("a running container, or a terminated one with an id, has a log", () => {
    expect(() => checkLogStatus(pod(["app"], [], cs({ running: {} })), "app", false)).not.toThrow();
    expect(() => checkLogStatus(pod(["app"], [], cs({ terminated: { exitCode: 0, containerID: "sim://x" } })), "app", false)).not.toThrow();
  });

  test("a waiting container reports its reason; image pull failures get the kubelet's wording", () => {
    expect(() => checkLogStatus(pod(["app"], [], cs({ waiting: { reason: "ContainerCreating" } })), "app", false)).toThrow('container "app" in pod "web" is waiting to start: ContainerCreating');
    expect(() => checkLogStatus(pod(["app"], [], cs({ waiting: { reason: "ImagePullBackOff" } })), "app", false)).toThrow("is waiting to start: trying and failing to pull image");
  });

  test("a container not in the status is not available; --previous needs a last terminated instance", () => {
    expect(() => checkLogStatus(pod(["app"]), "app", false)).toThrow('container "app" in pod "web" is not available');
    expect(() => checkLogStatus(pod(["app"], [], cs({ running: {} })), "app", true)).toThrow('previous terminated container "app" in pod "web" not found');
    expect(() => checkLogStatus(pod(["app"], [], cs({ running: {} }, { terminated: { exitCode: 1, containerID: "sim://old" } })), "app", true)).not.toThrow();
  });
});
