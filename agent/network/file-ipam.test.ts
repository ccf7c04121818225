import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openFileIpam } from "./file-ipam.ts";

function tempDir() {
  const path = mkdtempSync(join(tmpdir(), "kubun-ipam-"));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

describe("file-backed pod IPAM", () => {
  test("addresses are kept in one file per address holding the pod's uid", () => {
    using d = tempDir();
    const ipam = openFileIpam({ dir: d.path, cidr: "10.42.1.0/24" });
    expect(ipam.allocate("a")).toBe("10.42.1.2");
    expect(ipam.allocate("b")).toBe("10.42.1.3");
    expect(ipam.allocate("a")).toBe("10.42.1.2");
    expect(readFileSync(join(d.path, "10.42.1.0_24", "10.42.1.2"), "utf8")).toBe("a");
    expect(ipam.size).toBe(2);
  });

  test("a reopened allocator keeps every address and does not hand one out twice", () => {
    using d = tempDir();
    const first = openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    first.allocate("a");
    first.allocate("b");
    const again = openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    expect(again.get("a")).toBe("10.42.0.2");
    expect(again.allocate("b")).toBe("10.42.0.3");
    expect(again.allocate("c")).toBe("10.42.0.4");
    expect([...again.entries()]).toEqual([["a", "10.42.0.2"], ["b", "10.42.0.3"], ["c", "10.42.0.4"]]);
  });

  test("a released address is reused only after the others, also across a restart", () => {
    using d = tempDir();
    const ipam = openFileIpam({ dir: d.path, cidr: "10.42.0.0/29" }); // hosts .2 … .6
    for (const uid of ["a", "b", "c"]) ipam.allocate(uid);
    ipam.release("a");
    const again = openFileIpam({ dir: d.path, cidr: "10.42.0.0/29" });
    expect(again.allocate("d")).toBe("10.42.0.5");
    expect(again.allocate("e")).toBe("10.42.0.6");
    expect(again.allocate("f")).toBe("10.42.0.2");
    expect(() => again.allocate("g")).toThrow("has no free address");
  });

  test("two allocators on one directory never share an address", () => {
    using d = tempDir();
    const one = openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    const two = openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    expect(one.allocate("a")).toBe("10.42.0.2");
    expect(two.allocate("b")).toBe("10.42.0.3");
  });

  test("reserve takes a known address and refuses one another pod holds", () => {
    using d = tempDir();
    const ipam = openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    ipam.reserve("old", "10.42.0.9");
    ipam.reserve("old", "10.42.0.9");
    expect(() => ipam.reserve("other", "10.42.0.9")).toThrow("already held by pod old");
    expect(() => ipam.reserve("x", "10.43.0.2")).toThrow("is not a host address");
    expect(() => ipam.reserve("x", "10.42.0.1")).toThrow("is not a host address");
  });

  test("an empty address file left by a crash is cleared on open", () => {
    using d = tempDir();
    openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    writeFileSync(join(d.path, "10.42.0.0_24", "10.42.0.2"), "");
    const ipam = openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    expect(ipam.size).toBe(0);
    expect(ipam.allocate("a")).toBe("10.42.0.2");
  });

  test("release removes the address's file and is harmless for an unknown pod", () => {
    using d = tempDir();
    const ipam = openFileIpam({ dir: d.path, cidr: "10.42.0.0/24" });
    ipam.allocate("a");
    ipam.release("a");
    ipam.release("nobody");
    expect(readdirSync(join(d.path, "10.42.0.0_24")).filter((f) => f.startsWith("10."))).toEqual([]);
  });
});
