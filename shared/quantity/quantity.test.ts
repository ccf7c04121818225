import { describe, expect, test } from "bun:test";
import {
  canonicalQuantity, compareQuantities, parseQuantity, Quantity, QuantityError, toBytes, toMilli, tryParseQuantity,
} from "./index.ts";

describe("canonical form", () => {
  const cases: [string, string][] = [
    ["0", "0"],
    ["0m", "0"],
    ["0Ki", "0"],
    ["0.0", "0"],
    ["00", "0"],
    ["1", "1"],
    ["1n", "1n"],
    ["1u", "1u"],
    ["1m", "1m"],
    ["100m", "100m"],
    ["1000m", "1"],
    ["1500m", "1500m"],
    ["0.5", "500m"],
    [".5", "500m"],
    ["0.001", "1m"],
    ["1.5", "1500m"],
    ["1.2345", "1234500u"],
    ["0.9n", "1n"],
    ["0.0000000001", "1n"],
    ["1000", "1k"],
    ["1024", "1024"],
    ["1000k", "1M"],
    ["1k", "1k"],
    ["1M", "1M"],
    ["1E", "1E"],
    ["1000E", "1e21"],
    ["1Ki", "1Ki"],
    ["5Gi", "5Gi"],
    ["8Gi", "8Gi"],
    ["1024Mi", "1Gi"],
    ["1536Mi", "1536Mi"],
    ["2048Ki", "2Mi"],
    ["1000Mi", "1000Mi"],
    ["1.5Gi", "1536Mi"],
    ["0.5Gi", "512Mi"],
    ["1.5Ki", "1536"],
    ["0.5Ki", "512"],
    ["1.1Ki", "1126400m"],
    ["8Ei", "9223372036854775807"],
    ["1e3", "1e3"],
    ["1E3", "1E3"],
    ["12e6", "12e6"],
    ["1000e0", "1e3"],
    ["1e-3", "1e-3"],
    ["123e-2", "1230e-3"],
    ["-1", "-1"],
    ["-0.5", "-500m"],
    ["-1Ki", "-1Ki"],
    ["-1024Mi", "-1Gi"],
    ["18446744073709551616", "18446744073709551616"],
  ];
  test.each(cases)("%p is written %p", (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  test("JSON numbers parse like their text", () => {
    expect(canonicalQuantity(0.5)).toBe("500m");
    expect(canonicalQuantity(2)).toBe("2");
    expect(JSON.stringify({ cpu: parseQuantity("0.25") })).toBe('{"cpu":"250m"}');
  });
});

describe("invalid quantities", () => {
  const cases: [string, string][] = [
    ["", "quantities must match the regular expression"],
    ["1.2.3", "quantities must match the regular expression"],
    ["abc", "quantities must match the regular expression"],
    ["1 Gi", "quantities must match the regular expression"],
    ["1+1.0M", "quantities must match the regular expression"],
    ["1K", "unable to parse quantity's suffix"],
    ["1ki", "unable to parse quantity's suffix"],
    ["0.1mi", "unable to parse quantity's suffix"],
    ["5m3", "unable to parse quantity's suffix"],
    ["-3.01e-", "unable to parse quantity's suffix"],
    ["1e99999", "unable to parse numeric part of quantity"],
  ];
  test.each(cases)("%p is rejected: %p", (input, message) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
    expect(() => parseQuantity(input)).toThrow(message);
    expect(tryParseQuantity(input)).toBeUndefined();
  });

  test("tryParseQuantity refuses non-strings", () => {
    expect(tryParseQuantity({})).toBeUndefined();
    expect(tryParseQuantity(undefined)).toBeUndefined();
  });
});

describe("numbers", () => {
  const milli: [string, bigint][] = [
    ["1", 1000n],
    ["0.5", 500n],
    ["250m", 250n],
    ["1n", 1n],
    ["1.0001m", 2n],
    ["2k", 2000000n],
    ["-1", -1000n],
  ];
  test.each(milli)("toMilli(%p) is %p", (input, want) => {
    expect(toMilli(input)).toBe(want);
  });

  const bytes: [string, bigint][] = [
    ["1Ki", 1024n],
    ["1.5Gi", 1610612736n],
    ["1Ei", 2n ** 60n],
    ["1G", 1000000000n],
    ["1.5", 2n],
    ["100m", 1n],
    ["1e3", 1000n],
    ["1E", 10n ** 18n],
    ["18446744073709551616", 2n ** 64n],
  ];
  test.each(bytes)("toBytes(%p) is %p", (input, want) => {
    expect(toBytes(input)).toBe(want);
  });

  test("toNumber approximates", () => {
    expect(parseQuantity("1.5Gi").toNumber()).toBe(1610612736);
    expect(parseQuantity("250m").toNumber()).toBeCloseTo(0.25);
  });
});

describe("comparison and arithmetic", () => {
  const cmp: [string, string, number][] = [
    ["1", "1000m", 0],
    ["1Gi", "1024Mi", 0],
    ["1G", "1Gi", -1],
    ["2", "1500m", 1],
    ["-1", "0", -1],
    ["1e3", "1k", 0],
  ];
  test.each(cmp)("compare(%p, %p) is %p", (a, b, want) => {
    expect(compareQuantities(a, b)).toBe(want as -1 | 0 | 1);
  });

  test("add keeps the left operand's format", () => {
    expect(parseQuantity("1Gi").add(parseQuantity("1Gi")).toString()).toBe("2Gi");
    expect(parseQuantity("500m").add(parseQuantity("500m")).toString()).toBe("1");
    expect(parseQuantity("1").sub(parseQuantity("250m")).toString()).toBe("750m");
    expect(Quantity.of(0n).add(parseQuantity("1Mi")).toString()).toBe("1Mi");
  });
});
