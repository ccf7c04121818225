import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createCa } from "./ca.ts";
import { caHashOf, formatJoinToken, parseJoinToken, tokenMatchesCa } from "./join-token.ts";
import { tempDir } from "./testing.ts";

describe("join tokens", () => {
  test("a formatted token is K10, the CA hash, then server:secret", async () => {
    const ca = await createCa({ commonName: "test-ca" });
    const token = formatJoinToken(ca.certPem, "s3cret");
    expect(token).toMatch(/^K10[0-9a-f]{64}::server:s3cret$/);
    expect(parseJoinToken(token)).toEqual({ caHash: caHashOf(ca.certPem), username: "server", password: "s3cret" });
  });

  test("the CA hash is the sha256 of the PEM bytes as stored, as sha256sum computes it", async () => {
    const ca = await createCa({ commonName: "test-ca" });
    await using dir = await tempDir();
    const file = join(dir.path, "server-ca.crt");
    await Bun.write(file, ca.certPem);
    const out = Bun.spawnSync(["sha256sum", file]).stdout.toString();
    expect(caHashOf(ca.certPem)).toBe(out.split(" ")[0]!);
  });

  test("a token matches the CA it was made for and no other", async () => {
    const a = await createCa({ commonName: "a" });
    const b = await createCa({ commonName: "b" });
    const token = parseJoinToken(formatJoinToken(a.certPem, "x"));
    expect(tokenMatchesCa(token, a.certPem)).toBe(true);
    expect(tokenMatchesCa(token, b.certPem)).toBe(false);
  });

  test("a bare secret is a token for user server without a CA pin", () => {
    expect(parseJoinToken("abc123\n")).toEqual({ username: "server", password: "abc123" });
    expect(tokenMatchesCa(parseJoinToken("abc123"), "any pem")).toBe(true);
  });

  test("user:password and K10 tokens without a user name are read", () => {
    const hash = "a".repeat(64);
    expect(parseJoinToken("node:pw")).toEqual({ username: "node", password: "pw" });
    expect(parseJoinToken(`K10${hash}::pw`)).toEqual({ caHash: hash, username: "server", password: "pw" });
    expect(parseJoinToken(`K10${hash.toUpperCase()}::node:pw`).caHash).toBe(hash);
  });

  test("malformed tokens are refused without echoing the secret", () => {
    expect(() => parseJoinToken("")).toThrow("join token is empty");
    expect(() => parseJoinToken("K10abc:server:topsecret")).toThrow("K10<sha256 hex>::<username>:<password>");
    expect(() => parseJoinToken("K10abc::server:topsecret")).toThrow("64 hex characters, got 3");
    expect(() => parseJoinToken(`K10${"0".repeat(64)}::server:`)).toThrow("empty password");
    try {
      parseJoinToken("K10abc::server:topsecret");
    } catch (err) {
      expect(String(err)).not.toContain("topsecret");
    }
  });
});
