import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireRoot } from "../../test/fixtures/process.ts";
import { lgetxattr } from "./sys.ts";
import { readTar } from "./tar/reader.ts";
import { writeTar, type WriteEntry } from "./tar/writer.ts";
import { OPAQUE_XATTR, unpackLayer } from "./unpack.ts";

function tempDir(): { path: string } & Disposable {
  const path = mkdtempSync(join(tmpdir(), "kubun-unpack-"));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

async function unpack(dir: string, entries: WriteEntry[], privileged = true) {
  const tar = writeTar(entries);
  return unpackLayer(dir, readTar((async function* () { yield tar; })()), { privileged });
}

beforeAll(() => requireRoot("unpacking layers (agent/images/unpack.test.ts)"));

describe("unpacking a layer", () => {
  test("keeps modes, owners, symlinks, hardlinks, devices, fifos, mtimes and xattrs", async () => {
    using d = tempDir();
    const stats = await unpack(d.path, [
      { path: "./", type: "directory", mode: 0o755 },
      { path: "bin/", type: "directory", mode: 0o755 },
      { path: "bin/tool", data: "#!/bin/sh\n", mode: 0o4755, uid: 1000, gid: 2000, mtime: 1_000_000 },
      { path: "bin/alias", type: "symlink", linkname: "tool", uid: 1000, gid: 2000 },
      { path: "bin/hard", type: "hardlink", linkname: "./bin/tool" },
      { path: "tmp", type: "directory", mode: 0o1777, mtime: 2_000_000 },
      { path: "dev/null", type: "char", mode: 0o666, devmajor: 1, devminor: 3 },
      { path: "run/pipe", type: "fifo", mode: 0o600 },
      { path: "cap", data: "x", pax: { "SCHILY.xattr.user.kubun": "yes" } },
    ]);
    expect(stats).toMatchObject({ entries: 9, bytes: 11, whiteouts: 0 });
    const tool = lstatSync(join(d.path, "bin/tool"));
    expect(tool.mode & 0o7777).toBe(0o4755);
    expect([tool.uid, tool.gid]).toEqual([1000, 2000]);
    expect(tool.mtimeMs).toBe(1_000_000_000);
    expect(readlinkSync(join(d.path, "bin/alias"))).toBe("tool");
    expect(lstatSync(join(d.path, "bin/alias")).uid).toBe(1000);
    expect(lstatSync(join(d.path, "bin/hard")).ino).toBe(tool.ino);
    const tmp = lstatSync(join(d.path, "tmp"));
    expect(tmp.mode & 0o7777).toBe(0o1777);
    expect(tmp.mtimeMs).toBe(2_000_000_000);
    const dev = lstatSync(join(d.path, "dev/null"));
    expect(dev.isCharacterDevice()).toBe(true);
    expect(dev.rdev).toBe(lstatSync("/dev/null").rdev);
    expect(lstatSync(join(d.path, "run/pipe")).isFIFO()).toBe(true);
    expect(lgetxattr(join(d.path, "cap"), "user.kubun")?.toString()).toBe("yes");
  });

  test("turns OCI whiteouts into overlayfs whiteouts and opaque directories", async () => {
    using d = tempDir();
    const stats = await unpack(d.path, [
      { path: "etc/", type: "directory" },
      { path: "etc/.wh.removed", mode: 0 },
      { path: "opt/data/", type: "directory" },
      { path: "opt/data/.wh..wh..opq" },
      { path: "opt/data/new", data: "new" },
      { path: "var/.wh..wh.plnk/", type: "directory" },
    ]);
    expect(stats.whiteouts).toBe(2);
    const wh = lstatSync(join(d.path, "etc/removed"));
    expect(wh.isCharacterDevice()).toBe(true);
    expect(wh.rdev).toBe(0);
    expect(existsSync(join(d.path, "etc/.wh.removed"))).toBe(false);
    expect(lgetxattr(join(d.path, "opt/data"), OPAQUE_XATTR)?.toString()).toBe("y");
    expect(readFileSync(join(d.path, "opt/data/new"), "utf8")).toBe("new");
    expect(existsSync(join(d.path, "opt/data/.wh..wh..opq"))).toBe(false);
    expect(existsSync(join(d.path, "var/.wh..wh.plnk"))).toBe(false);
  });

  test("lets a later entry replace an earlier one of another type", async () => {
    using d = tempDir();
    await unpack(d.path, [
      { path: "x/", type: "directory" },
      { path: "x/inner", data: "1" },
      { path: "x", data: "now a file" },
      { path: "y", type: "symlink", linkname: "/etc" },
      { path: "y/", type: "directory" },
    ]);
    expect(readFileSync(join(d.path, "x"), "utf8")).toBe("now a file");
    expect(lstatSync(join(d.path, "y")).isDirectory()).toBe(true);
  });

  test("refuses entries that leave the layer through .. or a symlink", async () => {
    using d = tempDir();
    using outside = tempDir();
    writeFileSync(join(outside.path, "victim"), "safe");
    await expect(unpack(d.path, [{ path: "../escape", data: "x" }])).rejects.toThrow('leaves the layer (".." in its path)');
    await expect(unpack(join(d.path), [{ path: "evil", type: "symlink", linkname: outside.path }, { path: "evil/victim", data: "owned" }])).rejects.toThrow("which is not a directory");
    await expect(unpack(join(d.path), [{ path: "ok", type: "symlink", linkname: outside.path }, { path: "hl", type: "hardlink", linkname: "ok/victim" }])).rejects.toThrow("which is not a directory");
    expect(readFileSync(join(outside.path, "victim"), "utf8")).toBe("safe");
  });

  test("without root, skips devices and refuses whiteouts it cannot represent", async () => {
    using d = tempDir();
    await unpack(d.path, [{ path: "dev/null", type: "char", devmajor: 1, devminor: 3 }, { path: "f", data: "1", uid: 1234 }], false);
    expect(existsSync(join(d.path, "dev/null"))).toBe(false);
    expect(lstatSync(join(d.path, "f")).uid).toBe(0);
    await expect(unpack(d.path, [{ path: ".wh.f" }], false)).rejects.toThrow("needs root");
  });
});
