// Secret files: written atomically (temp file, fsync, rename) with an exact mode, so a crash
// never leaves a half-written key and the umask never widens or narrows permissions.

import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { randomHex } from "./keys.ts";

export interface WriteOptions {
  /** File mode; 0600 unless told. */
  readonly mode?: number;
  /** Mode for parent directories this call creates; 0700 unless told. */
  readonly dirMode?: number;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: WriteOptions = {}): Promise<void> {
  const mode = opts.mode ?? 0o600;
  await mkdir(dirname(path), { recursive: true, mode: opts.dirMode ?? 0o700 });
  const tmp = `${path}.tmp-${randomHex(6)}`;
  const fh = await open(tmp, "wx", 0o600);
  try {
    await fh.writeFile(data);
    await fh.chmod(mode);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
