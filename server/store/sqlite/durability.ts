// The durability barrier: fdatasync of the WAL file, on the I/O thread pool so the event loop
// keeps running. With synchronous=NORMAL SQLite writes committed frames to the WAL without
// syncing them; after sync() returns, every frame written before the call is on stable
// storage (fsync acts on the file, not the descriptor, so our descriptor covers SQLite's
// writes). A raw descriptor, not a FileHandle: nothing depends on garbage collection.
import { closeSync, fdatasync, fsync, openSync } from "node:fs";
import { dirname } from "node:path";
import { promisify } from "node:util";

const fdatasyncAsync = promisify(fdatasync);
const fsyncAsync = promisify(fsync);

export class WalSync {
  readonly #walPath: string;
  #fd: Promise<number> | undefined;

  constructor(dbPath: string) {
    this.#walPath = `${dbPath}-wal`;
  }

  async sync(): Promise<void> {
    this.#fd ??= this.#open();
    await fdatasyncAsync(await this.#fd);
  }

  async close(): Promise<void> {
    const fd = await this.#fd?.catch(() => undefined);
    this.#fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }

  /** Opens the WAL (it exists once a transaction has committed) and makes its name durable. */
  async #open(): Promise<number> {
    let fd: number | undefined;
    try {
      fd = openSync(this.#walPath, "r+");
      const dir = openSync(dirname(this.#walPath), "r");
      try {
        await fsyncAsync(dir);
      } finally {
        closeSync(dir);
      }
      return fd;
    } catch (err) {
      if (fd !== undefined) closeSync(fd);
      this.#fd = undefined;
      throw err;
    }
  }
}
