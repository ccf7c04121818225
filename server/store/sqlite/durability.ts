// The durability barrier: fdatasync of the WAL file, off the event loop. With
// synchronous=NORMAL SQLite writes committed frames to the WAL without syncing them; after
// this returns, every frame written before the call is on stable storage (fsync works on
// the file, not on the descriptor, so our own descriptor covers SQLite's writes).
import { open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";

export class WalSync {
  readonly #walPath: string;
  #handle: Promise<FileHandle> | undefined;

  constructor(dbPath: string) {
    this.#walPath = `${dbPath}-wal`;
  }

  async sync(): Promise<void> {
    this.#handle ??= this.#open();
    const handle = await this.#handle;
    await handle.datasync();
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await (await handle.catch(() => undefined))?.close();
  }

  /** Opens the WAL (it exists once a transaction has committed) and makes its name durable. */
  async #open(): Promise<FileHandle> {
    try {
      const handle = await open(this.#walPath, "r+");
      const dir = await open(dirname(this.#walPath), "r");
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      return handle;
    } catch (err) {
      this.#handle = undefined;
      throw err;
    }
  }
}
