import { expect, test } from "bun:test";
import { helperPids, perPod, processMemory, type MemorySample, type ProcEntry } from "./runc-memory.ts";

const p = (pid: number, ppid: number, comm: string, cgroup = "/user.slice"): ProcEntry => ({ pid, ppid, comm, cgroups: [cgroup] });

test("the agent's helpers are its descendants outside the containers' cgroups", () => {
  const procs = [
    p(1, 0, "init"),
    p(100, 1, "kubun"),
    p(101, 100, "sh"),
    p(102, 101, "runc"),
    p(103, 102, "sleep", "/kubun-ab/podu1/app"),
    p(104, 103, "child-of-container", "/kubun-ab/podu1/app"),
    p(105, 100, "umount"),
    p(200, 1, "unrelated"),
    p(201, 200, "runc"),
  ];
  expect(helperPids(procs, 100, "/kubun-ab").map((x) => x.comm)).toEqual(["sh", "runc", "umount"]);
});

test("a cgroup that only shares a prefix with the parent is not a container's", () => {
  const procs = [p(100, 1, "kubun"), p(101, 100, "sh", "/kubun-abc/x"), p(102, 100, "sleep", "/kubun-ab")];
  expect(helperPids(procs, 100, "/kubun-ab").map((x) => x.pid)).toEqual([101]);
});

test("per-pod memory is the growth of agent plus helpers over the pod count", () => {
  const sample = (rss: number, pss: number): MemorySample => ({ agentRssBytes: rss, agentPssBytes: pss, helpers: [], helperRssBytes: 0, helperPssBytes: 0, totalRssBytes: rss, totalPssBytes: pss });
  expect(perPod(sample(50e6, 40e6), sample(110e6, 70e6), 30)).toEqual({ rssBytes: 2e6, pssBytes: 1e6 });
  expect(() => perPod(sample(1, 1), sample(1, 1), 0)).toThrow(/pods must be > 0/);
});

test("this process has an RSS, and a process that is gone has none", () => {
  expect(processMemory(process.pid).rssBytes).toBeGreaterThan(1e6);
  expect(processMemory(2 ** 22 + 1)).toEqual({ rssBytes: 0, pssBytes: 0 });
});
