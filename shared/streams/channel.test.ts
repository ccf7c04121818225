import { describe, expect, test } from "bun:test";
import { decodeClientMessage, encodeChannelMessage, encodeResize, encodeStatus, exitCodeOf, exitCodeStatus, failureStatus, offeredProtocols, parseResize, successStatus } from "./channel.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("the v5.channel.k8s.io protocol", () => {
  test("a message is the channel byte followed by the payload", () => {
    expect([...encodeChannelMessage(1, "hi")]).toEqual([1, 104, 105]);
    expect([...encodeChannelMessage(2)]).toEqual([2]);
  });

  test("stdin, resize and v5 close messages from kubectl decode to what they mean", () => {
    expect(decodeClientMessage(Uint8Array.of(0, 120))).toEqual({ type: "stdin", data: Uint8Array.of(120) });
    expect(decodeClientMessage(encodeResize(100, 30))).toEqual({ type: "resize", width: 100, height: 30 });
    expect(decodeClientMessage(Uint8Array.of(255, 0))).toEqual({ type: "close", channel: 0 });
    expect(decodeClientMessage(Uint8Array.of(9, 1))).toEqual({ type: "unknown", channel: 9 });
  });

  test("kubectl's resize text, with its trailing newline, is read", () => {
    expect(parseResize(new TextEncoder().encode('{"Width":80,"Height":24}\n'))).toEqual({ width: 80, height: 24 });
  });

  test("an empty message, a close without a channel, or a resize without Width is refused with the rule it breaks", () => {
    expect(() => decodeClientMessage(new Uint8Array())).toThrow("must start with a channel byte");
    expect(() => decodeClientMessage(Uint8Array.of(255))).toThrow("close message must name one channel");
    expect(() => decodeClientMessage(encodeChannelMessage(4, '{"Height":3}'))).toThrow("resize message needs integer Width and Height");
    expect(() => decodeClientMessage(encodeChannelMessage(4, "nope"))).toThrow("resize message is not JSON");
  });

  test("exit code 0 is a Success status; any other code is NonZeroExitCode with an ExitCode cause", () => {
    expect(exitCodeStatus(0)).toEqual({ metadata: {}, status: "Success" });
    expect(exitCodeStatus(3)).toEqual({
      metadata: {},
      status: "Failure",
      message: "command terminated with non-zero exit code: exit status 3",
      reason: "NonZeroExitCode",
      details: { causes: [{ reason: "ExitCode", message: "3" }] },
    });
    expect(exitCodeOf(exitCodeStatus(3))).toBe(3);
    expect(exitCodeOf(successStatus())).toBe(0);
    expect(exitCodeOf(failureStatus("container not found"))).toBeUndefined();
  });

  test("the status goes out on channel 3 as JSON", () => {
    const m = encodeStatus(successStatus());
    expect(m[0]).toBe(3);
    expect(JSON.parse(text(m.subarray(1)))).toEqual({ metadata: {}, status: "Success" });
  });

  test("offered subprotocols are split on commas and trimmed", () => {
    expect(offeredProtocols("v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.x")).toEqual(["v5.channel.k8s.io", "base64url.bearer.authorization.k8s.io.x"]);
    expect(offeredProtocols(null)).toEqual([]);
  });
});
