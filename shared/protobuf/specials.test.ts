// The apimachinery special types render exactly like Go's JSON marshalling.
import { describe, expect, test } from "bun:test";
import { formatGoDuration } from "./go-duration.ts";
import { decodeSpecial } from "./specials.ts";
import { encode } from "./wire-builder.ts";

describe("special types", () => {
  test("Go durations format like time.Duration.String()", () => {
    const cases: Array<[bigint, string]> = [
      [0n, "0s"],
      [1n, "1ns"],
      [1_100n, "1.1µs"],
      [2_200_000n, "2.2ms"],
      [1_500_000_000n, "1.5s"],
      [60_000_000_000n, "1m0s"],
      [3_600_000_000_000n, "1h0m0s"],
      [3_723_000_000_001n, "1h2m3.000000001s"],
      [-90_000_000_000n, "-1m30s"],
    ];
    for (const [ns, text] of cases) expect(formatGoDuration(ns)).toBe(text);
  });

  test("a Duration message decodes to Go's string form", () => {
    expect(decodeSpecial("Duration", encode([[1, 300_000_000_000]]))).toBe("5m0s");
  });

  test("an empty Time is unset and a set Time drops its nanoseconds", () => {
    expect(decodeSpecial("Time", new Uint8Array(0))).toBeUndefined();
    expect(decodeSpecial("Time", encode([[1, 0]]))).toBe("1970-01-01T00:00:00Z");
    expect(decodeSpecial("Time", encode([[1, 1700000000], [2, 999_999_999]]))).toBe("2023-11-14T22:13:20Z");
  });

  test("a MicroTime keeps six fractional digits", () => {
    expect(decodeSpecial("MicroTime", encode([[1, 1700000000], [2, 123_456_789]]))).toBe("2023-11-14T22:13:20.123456Z");
  });

  test("IntOrString and Quantity decode to their JSON forms", () => {
    expect(decodeSpecial("IntOrString", encode([[1, 0], [2, 8080], [3, ""]]))).toBe(8080);
    expect(decodeSpecial("IntOrString", encode([[1, 1], [2, 0], [3, "http"]]))).toBe("http");
    expect(decodeSpecial("Quantity", encode([[1, "500Mi"]]))).toBe("500Mi");
    expect(decodeSpecial("Quantity", new Uint8Array(0))).toBe("0");
  });

  test("ExtraValue-style lists decode to string arrays", () => {
    expect(decodeSpecial("StringList", encode([[1, "a"], [1, "b"]]))).toEqual(["a", "b"]);
  });
});
