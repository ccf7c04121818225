import { expect, test } from "bun:test";
import { bareConfig, overlayLowerdir, type BareTemplate } from "./runc-bare.ts";

test("the overlay's lower dirs come from the super options of the mount at the rootfs", () => {
  const info = [
    "25 1 254:0 / / rw,relatime - ext4 /dev/vda rw",
    "301 25 0:77 / /data/pods/u1/containers/app/bundle/rootfs rw,relatime - overlay overlay rw,lowerdir=/data/layers/b:/data/layers/a,upperdir=/data/pods/u1/containers/app/upper,workdir=/data/pods/u1/containers/app/work",
    "302 25 0:78 / /data/pods/u2/containers/app/bundle/rootfs rw,relatime - overlay overlay rw,lowerdir=/x,upperdir=/y,workdir=/z",
  ].join("\n");
  expect(overlayLowerdir(info, "/data/pods/u1/containers/app/bundle/rootfs")).toBe("/data/layers/b:/data/layers/a");
  expect(overlayLowerdir(info, "/data/pods/u3/containers/app/bundle/rootfs")).toBeUndefined();
});

test("a bare run keeps the agent's process and mounts but gets new namespaces, its own cgroup and copies of the pod's files", () => {
  const t: BareTemplate = {
    podDir: "/data/pods/u1",
    podCopy: "/bench/pod",
    lowerdir: "/l",
    config: {
      process: { args: ["sleep", "3600"] },
      root: { path: "/data/pods/u1/containers/app/bundle/rootfs", readonly: false },
      mounts: [
        { destination: "/proc", type: "proc", source: "proc" },
        { destination: "/etc/hosts", type: "bind", source: "/data/pods/u1/etc/hosts", options: ["rbind", "ro"] },
        { destination: "/data", type: "bind", source: "/data/pods/u1/volumes/data" },
      ],
      linux: { cgroupsPath: "/kubun/podu1/app", namespaces: [{ type: "pid" }, { type: "network", path: "/data/pods/u1/ns/net" }], resources: { memory: { limit: 1 } } },
    },
  };
  const c = bareConfig(t, { cgroupsPath: "/bench-bare/c0" }) as typeof t.config & { mounts: { source: string }[]; linux: Record<string, unknown> };
  expect(c.process).toEqual({ args: ["sleep", "3600"] });
  expect(c.root).toEqual({ path: "rootfs", readonly: false });
  expect(c.mounts.map((m) => m.source)).toEqual(["proc", "/bench/pod/etc/hosts", "/bench/pod/volumes/data"]);
  expect(c.linux).toEqual({ cgroupsPath: "/bench-bare/c0", namespaces: [{ type: "pid" }, { type: "network" }], resources: { memory: { limit: 1 } } });
  expect((t.config.linux as { cgroupsPath: string }).cgroupsPath).toBe("/kubun/podu1/app");
});
