import { expect, test } from "bun:test";
import { readEvents } from "./watch.ts";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const s of chunks) c.enqueue(enc.encode(s));
      c.close();
    },
  });
}

test("ADDED events split across chunks are reported once each, blank keep-alive lines are skipped", async () => {
  const names: string[] = [];
  const a = JSON.stringify({ type: "ADDED", object: { metadata: { name: "watched-0" } } });
  const b = JSON.stringify({ type: "ADDED", object: { metadata: { name: "watched-1" } } });
  await readEvents(streamOf(["\n", a.slice(0, 10), a.slice(10) + "\n" + b, "\n"]), (n) => names.push(n));
  expect(names).toEqual(["watched-0", "watched-1"]);
});

test("events other than ADDED are ignored", async () => {
  const names: string[] = [];
  const lines = ["MODIFIED", "DELETED", "BOOKMARK"].map((type) => JSON.stringify({ type, object: { metadata: { name: "x" } } }) + "\n");
  await readEvents(streamOf(lines), (n) => names.push(n));
  expect(names).toEqual([]);
});
