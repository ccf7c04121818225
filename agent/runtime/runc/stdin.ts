// A container's stdin for attach (spec.stdin): a FIFO under the container dir that its run reads.
// The agent opens it read-write (which never blocks, so the run's shell can open its end) and
// keeps that descriptor as the writer; attach sessions write into it, and the first one ending
// closes it when spec.stdinOnce (the container reads EOF). An agent restart loses the writer:
// the container reads EOF then.
import { closeSync, existsSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export class ContainerStdin {
  private fd: number | undefined;
  readonly path: string;

  constructor(dir: string) {
    this.path = join(dir, "stdin.fifo");
  }

  /** A fresh FIFO, opened, for a new run. */
  open(): string {
    this.close();
    rmSync(this.path, { force: true });
    const r = Bun.spawnSync(["mkfifo", "-m", "600", this.path]);
    if (r.exitCode !== 0 || !existsSync(this.path)) throw new Error(`mkfifo ${this.path}: ${r.stderr.toString().trim()}`);
    this.fd = openSync(this.path, "r+");
    return this.path;
  }

  get isOpen(): boolean {
    return this.fd !== undefined;
  }

  write(chunk: Uint8Array): void {
    if (this.fd === undefined) return;
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
