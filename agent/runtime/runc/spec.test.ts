import { describe, expect, test } from "bun:test";
import type { Pod } from "kubernetes-types/core/v1";
import type { ImageRuntimeConfig } from "../../images/index.ts";
import { PodPaths } from "./paths.ts";
import { containerArgs, containerEnv, expandVars } from "./process.ts";
import { containerResources } from "./resources.ts";
import { capabilities, containerSpec } from "./spec.ts";

const image: ImageRuntimeConfig = { env: ["PATH=/bin", "A=image"], entrypoint: ["/entry"], cmd: ["default"], workingDir: "/app", user: "", exposedPorts: [], labels: {} };
const pod = (over: Partial<Pod["spec"]> = {}): Pod => ({
  metadata: { name: "p", namespace: "ns", uid: "u1" },
  spec: { containers: [{ name: "c", image: "busybox" }], ...over },
});

describe("runc container spec", () => {
  test("args follow Kubernetes: command replaces the entrypoint, args replace cmd, $(VAR) expands", () => {
    const env = new Map([["X", "1"]]);
    expect(containerArgs({ name: "c" }, image, env)).toEqual(["/entry", "default"]);
    expect(containerArgs({ name: "c", args: ["$(X)", "$$(X)"] }, image, env)).toEqual(["/entry", "1", "$(X)"]);
    expect(containerArgs({ name: "c", command: ["sh"], args: ["-c", "$(Y)"] }, image, env)).toEqual(["sh", "-c", "$(Y)"]);
    expect(expandVars("a$(X)b", env)).toBe("a1b");
  });

  test("env: image values, overridden by the container's, with fieldRefs", () => {
    const p = pod();
    const env = containerEnv(p, { name: "c", env: [{ name: "A", value: "mine-$(A)" }, { name: "IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }, { name: "UID", valueFrom: { fieldRef: { fieldPath: "metadata.uid" } } }] }, image, "10.0.0.5");
    expect(Object.fromEntries(env)).toMatchObject({ PATH: "/bin", A: "mine-image", IP: "10.0.0.5", UID: "u1", HOSTNAME: "p" });
  });

  test("resourceFieldRef gives limits and requests divided by the divisor, rounded up", () => {
    const c = { name: "c", resources: { limits: { cpu: "1500m", memory: "64Mi" }, requests: { cpu: "250m" } } };
    const p = pod({ containers: [c] });
    const env = containerEnv(p, { ...c, env: [
      { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu" } } },
      { name: "MCPU", valueFrom: { resourceFieldRef: { resource: "requests.cpu", divisor: "1m" } } },
      { name: "MEM", valueFrom: { resourceFieldRef: { containerName: "c", resource: "limits.memory", divisor: "1Mi" } } },
    ] }, image, undefined);
    expect([env.get("CPU"), env.get("MCPU"), env.get("MEM")]).toEqual(["2", "250", "64"]);
  });

  test("capabilities start from Docker's set; add, drop and ALL apply", () => {
    expect(capabilities({ name: "c" })).toContain("CAP_CHOWN");
    expect(capabilities({ name: "c" })).not.toContain("CAP_SYS_ADMIN");
    const caps = capabilities({ name: "c", securityContext: { capabilities: { add: ["NET_ADMIN"], drop: ["CAP_CHOWN"] } } });
    expect(caps).toContain("CAP_NET_ADMIN");
    expect(caps).not.toContain("CAP_CHOWN");
    expect(capabilities({ name: "c", securityContext: { capabilities: { drop: ["ALL"], add: ["KILL"] } } })).toEqual(["CAP_KILL"]);
  });

  test("resources: memory limit, CPU quota over 100 ms, shares from the request", () => {
    expect(containerResources({ name: "c", resources: { limits: { memory: "32Mi", cpu: "1500m" }, requests: { cpu: "100m" } } })).toMatchObject({
      memory: { limit: 32 * 1024 * 1024 },
      cpu: { quota: 150_000, period: 100_000, shares: 102 },
    });
    expect(containerResources({ name: "c" }).cpu).toEqual({ shares: 2 });
  });

  test("the spec joins the pod's namespaces by path, with its own pid and mount namespaces", () => {
    const paths = new PodPaths("/data/pods", "u1");
    const spec = containerSpec({ pod: pod({ securityContext: { runAsUser: 1000, fsGroup: 2000 } }), container: { name: "c", securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false } }, image, paths, rootfs: "/nonexistent", cgroupsPath: "/kubun/podu1/c" }) as {
      process: { user: { uid: number; additionalGids: number[] }; cwd: string; noNewPrivileges: boolean };
      root: { readonly: boolean };
      linux: { namespaces: { type: string; path?: string }[]; cgroupsPath: string };
      mounts: { destination: string; source: string }[];
    };
    expect(spec.linux.namespaces).toEqual([
      { type: "pid" },
      { type: "mount" },
      { type: "network", path: "/data/pods/u1/ns/net" },
      { type: "ipc", path: "/data/pods/u1/ns/ipc" },
      { type: "uts", path: "/data/pods/u1/ns/uts" },
    ]);
    expect(spec.process.user.uid).toBe(1000);
    expect(spec.process.user.additionalGids).toEqual([2000]);
    expect(spec.process.cwd).toBe("/app");
    expect(spec.process.noNewPrivileges).toBe(true);
    expect(spec.root.readonly).toBe(true);
    expect(spec.linux.cgroupsPath).toBe("/kubun/podu1/c");
    expect(spec.mounts.find((m) => m.destination === "/etc/resolv.conf")?.source).toBe("/data/pods/u1/etc/resolv.conf");
  });
});
