import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readTar } from "./reader.ts";
import { writeTar } from "./writer.ts";

async function list(data: Uint8Array, chunk = 7000) {
  const chunks = async function* () {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  };
  const out: { path: string; type: string; mode: number; uid: number; size: number; linkname: string; data: string }[] = [];
  for await (const { entry, body } of readTar(chunks())) {
    let text = "";
    if (entry.path.split("/").pop()!.startsWith("read")) for await (const c of body) text += new TextDecoder().decode(c);
    out.push({ path: entry.path, type: entry.type, mode: entry.mode, uid: entry.uid, size: entry.size, linkname: entry.linkname, data: text });
  }
  return out;
}

describe("the tar reader", () => {
  test("reads files, directories, links and devices with their modes and owners, and skips unread bodies", async () => {
    const long = "d/" + "x".repeat(150);
    const tar = writeTar([
      { path: "./etc", type: "directory", mode: 0o755 },
      { path: "read-me", data: "hello", mode: 0o4755, uid: 1000 },
      { path: "skipped", data: "y".repeat(10_000) },
      { path: "link", type: "symlink", linkname: "read-me" },
      { path: "hard", type: "hardlink", linkname: "read-me" },
      { path: "dev/null", type: "char", devmajor: 1, devminor: 3 },
      { path: long, data: "long" },
    ]);
    for (const chunk of [1, 511, 512, 7000, tar.length]) {
      const entries = await list(tar, chunk);
      expect(entries.map((e) => [e.path, e.type])).toEqual([["etc", "directory"], ["read-me", "file"], ["skipped", "file"], ["link", "symlink"], ["hard", "hardlink"], ["dev/null", "char"], [long, "file"]]);
      expect(entries[1]).toMatchObject({ mode: 0o4755, uid: 1000, size: 5, data: "hello" });
      expect(entries[3]!.linkname).toBe("read-me");
    }
  });

  test("reads what GNU tar writes in gnu and pax formats, long names included", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubun-tar-"));
    try {
      const deep = "a".repeat(120) + "/" + "b".repeat(120);
      mkdirSync(join(dir, "src", deep), { recursive: true });
      writeFileSync(join(dir, "src", deep, "read-file"), "deep");
      symlinkSync("x".repeat(130), join(dir, "src/long-link"));
      for (const format of ["gnu", "pax"]) {
        const out = join(dir, `${format}.tar`);
        const p = Bun.spawnSync(["tar", `--format=${format}`, "-cf", out, "-C", dir, "src"]);
        expect(p.exitCode).toBe(0);
        const entries = await list(new Uint8Array(await Bun.file(out).arrayBuffer()));
        expect(entries.find((e) => e.path === `src/${deep}`)?.type).toBe("directory");
        const file = entries.find((e) => e.path.endsWith("read-file"));
        expect(file).toMatchObject({ path: `src/${deep}/read-file`, data: "deep" });
        expect(entries.find((e) => e.path === "src/long-link")).toMatchObject({ type: "symlink", linkname: "x".repeat(130) });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("rejects a header whose checksum is wrong and a stream cut in the middle of an entry", async () => {
    const tar = writeTar([{ path: "f", data: "z".repeat(2000) }]);
    const bad = new Uint8Array(tar);
    bad[0] = "g".charCodeAt(0);
    await expect(list(bad)).rejects.toThrow("checksum");
    await expect(list(tar.subarray(0, 1024))).rejects.toThrow("unexpected end of tar stream");
  });

  test("drains the source after the end-of-archive blocks", async () => {
    const tar = writeTar([{ path: "f", data: "1" }]);
    let seen = 0;
    const withPadding = async function* () {
      yield tar;
      yield new Uint8Array(8192);
      seen = 1;
    };
    for await (const _ of readTar(withPadding())) {
      // entries
    }
    expect(seen).toBe(1);
  });
});
