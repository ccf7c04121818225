import { describe, expect, test } from "bun:test";
import type { Descriptor } from "./media.ts";
import { formatPlatform, parsePlatform, selectManifest } from "./platform.ts";

const entry = (p: string): Descriptor => {
  const [os, architecture, variant] = p.split("/");
  return { mediaType: "m", digest: p, size: 1, platform: { os: os!, architecture: architecture!, ...(variant ? { variant } : {}) } };
};
const pick = (want: string, ...have: string[]) => selectManifest(have.map(entry), parsePlatform(want))?.digest;

describe("platforms", () => {
  test("parse and format normalize aliases and the arm64 v8 variant", () => {
    expect(parsePlatform("linux/aarch64")).toEqual({ os: "linux", architecture: "arm64" });
    expect(parsePlatform("linux/arm64/v8")).toEqual({ os: "linux", architecture: "arm64" });
    expect(parsePlatform("linux/x86_64")).toEqual({ os: "linux", architecture: "amd64" });
    expect(formatPlatform({ os: "linux", architecture: "arm", variant: "7" })).toBe("linux/arm/v7");
    expect(() => parsePlatform("linux")).toThrow('invalid platform "linux": expected os/architecture[/variant]');
  });

  test("an arm64 node takes arm64 with or without variant v8, never arm or amd64", () => {
    expect(pick("linux/arm64", "linux/amd64", "linux/arm/v7", "linux/arm64/v8")).toBe("linux/arm64/v8");
    expect(pick("linux/arm64/v8", "linux/amd64", "linux/arm64")).toBe("linux/arm64");
    expect(pick("linux/arm64", "linux/amd64", "linux/arm/v7")).toBeUndefined();
  });

  test("an arm/v7 node prefers v7, then runs v6 and v5 images; attestations (unknown/unknown) are ignored", () => {
    expect(pick("linux/arm/v7", "linux/arm/v6", "linux/arm/v7", "unknown/unknown")).toBe("linux/arm/v7");
    expect(pick("linux/arm/v7", "linux/arm/v5", "linux/arm/v6")).toBe("linux/arm/v6");
    expect(pick("linux/arm/v6", "linux/arm/v7")).toBeUndefined();
  });

  test("amd64 picks its own entry and skips other operating systems", () => {
    expect(pick("linux/amd64", "windows/amd64", "linux/amd64", "linux/arm64")).toBe("linux/amd64");
    expect(pick("linux/amd64", "linux/amd64/v3")).toBeUndefined();
    expect(pick("linux/amd64/v3", "linux/amd64", "linux/amd64/v2")).toBe("linux/amd64/v2");
  });
});
