import { describe, expect, test } from "bun:test";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { readTextIfExists, writeFileAtomic } from "./files.ts";
import { tempDir } from "./testing.ts";

describe("secret files", () => {
  test("a file is written with mode 0600 and its parent directories are created 0700", async () => {
    await using dir = await tempDir();
    const path = join(dir.path, "a", "b", "secret");
    await writeFileAtomic(path, "s3cret\n");
    expect(await readFile(path, "utf8")).toBe("s3cret\n");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir.path, "a"))).mode & 0o777).toBe(0o700);
  });

  test("the mode is exact whatever the umask, and replacing a file leaves no temp files", async () => {
    await using dir = await tempDir();
    const path = join(dir.path, "kubeconfig");
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(path, "one", { mode: 0o644 });
      await writeFileAtomic(path, "two", { mode: 0o644 });
    } finally {
      process.umask(old);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o644);
    expect(await readFile(path, "utf8")).toBe("two");
    expect(await readdir(dir.path)).toEqual(["kubeconfig"]);
  });

  test("reading a missing file gives undefined", async () => {
    await using dir = await tempDir();
    expect(await readTextIfExists(join(dir.path, "nope"))).toBeUndefined();
  });
});
