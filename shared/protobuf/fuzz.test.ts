// Randomly mutated real bodies either decode or fail with a 400/415 StatusError — never anything else,
// and never hang. The PRNG is seeded so a failure reproduces.
import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { StatusError } from "../api/errors.ts";
import { decodeKubernetesProtobuf } from "./index.ts";

const dir = join(import.meta.dir, "testdata");
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith(".bin"))
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(dir, f))));

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(input: Uint8Array, rand: () => number): Uint8Array {
  let bytes = Uint8Array.from(input);
  const edits = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * Math.max(bytes.length, 1));
    const op = rand();
    if (op < 0.5 && bytes.length > 0) bytes[at] = Math.floor(rand() * 256);
    else if (op < 0.65 && bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << Math.floor(rand() * 8));
    else if (op < 0.8) bytes = bytes.subarray(0, at);
    else if (op < 0.9) bytes = Uint8Array.from([...bytes.subarray(0, at), Math.floor(rand() * 256), ...bytes.subarray(at)]);
    else bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + 1 + Math.floor(rand() * 8))]);
  }
  return bytes;
}

test("2,000 random mutations of real bodies only ever decode or throw a 400/415 StatusError", () => {
  const rand = prng(20250607);
  const outcomes = { decoded: 0, 400: 0, 415: 0 };
  for (let i = 0; i < 2000; i++) {
    const body = mutate(seeds[i % seeds.length]!, rand);
    try {
      const { object } = decodeKubernetesProtobuf(body);
      JSON.stringify(object); // must be serialisable
      outcomes.decoded++;
    } catch (e) {
      if (!(e instanceof StatusError) || (e.code !== 400 && e.code !== 415)) {
        throw new Error(`mutation ${i} threw ${String(e)} for ${Buffer.from(body).toString("hex")}`);
      }
      outcomes[e.code]++;
    }
  }
  expect(outcomes.decoded + outcomes[400] + outcomes[415]).toBe(2000);
  expect(outcomes[400]).toBeGreaterThan(0);
  expect(outcomes.decoded).toBeGreaterThan(0);
});
