// Reading one run's log across its parts (log-files.ts) while rotation moves bytes under it: a
// queue of open parts, then the current file, read at its own offsets (rotation never moves the
// bytes left in it). Every part is opened when it is queued, so the rotator removing it later
// does not matter; reads are synchronous, so a rotation (also synchronous, log-rotation.ts)
// happens between two reads, never inside one. When the current file is rotated, what this reader
// had still to read of the range that became a hole is in the new part: that part is queued from
// there and the current file is read on from the hole's end.
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { onRotate } from "./log-rotation.ts";

export interface LogChunk {
  bytes: Uint8Array;
  /** When its lines were written at the latest (undefined: just now, for followed bytes). */
  time?: Date;
}

interface Segment {
  fd: number;
  pos: number;
  /** Read up to here (undefined: to the end of the file). */
  end?: number;
  time?: Date;
}

const CHUNK = 64 * 1024;

function openRead(path: string): number | undefined {
  try {
    return openSync(path, "r");
  } catch {
    return undefined;
  }
}

export class RunLogStream {
  private readonly queue: Segment[] = [];
  private fd: number | undefined;
  private pos = 0;
  private end: number | undefined;
  /** Bytes of the current file below this were already there when reading began: stamped with `stampTime`. */
  private stampBelow = 0;
  private stampTime: Date | undefined;
  private readonly unsubscribe: () => void;
  private closed = false;

  /** `current`: the run's current file (it may not exist yet). */
  constructor(private readonly current: string) {
    this.unsubscribe = onRotate(current, (part, start, end) => this.rotated(part, start, end));
  }

  /** Queue a rotated part from `pos` (its lines written at `time` at the latest). */
  addPart(path: string, pos: number, time: Date): void {
    const fd = openRead(path);
    if (fd !== undefined) this.queue.push({ fd, pos, time });
  }

  /**
   * Then the current file from offset `pos`; `end`: stop there (not following). Bytes below
   * `stampBelow` carry `time`, later ones the time they are read.
   */
  setCurrent(pos: number, opts: { end?: number; stampBelow?: number; time?: Date } = {}): void {
    this.pos = pos;
    this.end = opts.end;
    this.stampBelow = opts.stampBelow ?? 0;
    this.stampTime = opts.time;
  }

  private rotated(part: string, start: number, end: number): void {
    if (this.closed || this.pos >= end) return;
    const fd = openRead(part);
    const upto = Math.min(end, this.end ?? end);
    if (fd !== undefined) this.queue.push({ fd, pos: Math.max(0, this.pos - start), end: Math.max(0, upto - start), time: statSync(part).mtime });
    this.pos = end;
  }

  /** The next bytes available now, or undefined when there are none (yet). */
  read(): LogChunk | undefined {
    while (this.queue.length) {
      const s = this.queue[0]!;
      const size = s.end ?? fstatSync(s.fd).size;
      if (s.pos < size) {
        const bytes = this.readAt(s.fd, s.pos, Math.min(CHUNK, size - s.pos));
        if (bytes.length > 0) {
          s.pos += bytes.length;
          return { bytes, time: s.time };
        }
      }
      closeSync(s.fd);
      this.queue.shift();
    }
    this.fd ??= openRead(this.current);
    if (this.fd === undefined) return undefined;
    const size = Math.min(fstatSync(this.fd).size, this.end ?? Infinity);
    if (this.pos >= size) return undefined;
    const stamped = this.pos < this.stampBelow;
    const upto = stamped ? Math.min(size, this.stampBelow) : size;
    const bytes = this.readAt(this.fd, this.pos, Math.min(CHUNK, upto - this.pos));
    this.pos += bytes.length;
    return bytes.length ? { bytes, time: stamped ? this.stampTime : undefined } : undefined;
  }

  private readAt(fd: number, pos: number, len: number): Uint8Array {
    const buf = new Uint8Array(len);
    const n = readSync(fd, buf, 0, len, pos);
    return buf.subarray(0, n);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const s of this.queue) closeSync(s.fd);
    this.queue.length = 0;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
