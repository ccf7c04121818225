import { expect, test } from "bun:test";
import { imagesInUse } from "./image-gc.ts";

test("images in use are the references and IDs of every init and app container the runtime holds", async () => {
  const container = (image: string, imageID: string) => ({ image, imageID }) as never;
  const runtime = {
    listPods: async () => [{ uid: "a", namespace: "ns", name: "a" }, { uid: "gone", namespace: "ns", name: "gone" }],
    podStatus: async (uid: string) =>
      uid === "a" ? ({ initContainers: [container("init:1", "")], containers: [container("busybox", "sha256:b")] } as never) : undefined,
  };
  expect([...(await imagesInUse(runtime))].sort()).toEqual(["busybox", "init:1", "sha256:b"]);
});
