import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { createLogger } from "../shared/log.ts";
import { ensureServerPki } from "../shared/pki/bootstrap.ts";
import { tempDir } from "../shared/pki/testing.ts";
import { startServer } from "../server/main.ts";
import { humanTtl, parseDuration, runToken } from "./token.ts";

describe("token durations", () => {
  test("Go-style durations are read, 0 means never, anything else is a usage error", () => {
    expect(parseDuration("1s")).toBe(1000);
    expect(parseDuration("24h")).toBe(86_400_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("0")).toBe(0);
    for (const bad of ["", "10", "1d", "h", "1h x"]) expect(() => parseDuration(bad)).toThrow("invalid duration");
  });

  test("TTLs are shown in their largest whole unit", () => {
    expect(humanTtl(86_399_000)).toBe("23h");
    expect(humanTtl(59 * 60_000)).toBe("59m");
    expect(humanTtl(1_400)).toBe("1s");
  });
});

describe("kubun token against a running server", () => {
  test("create prints a K10 token pinning the server CA; list shows it; delete removes it", async () => {
    await using dir = await tempDir();
    const pki = await ensureServerPki({ dataDir: join(dir.path, "data"), sans: { ips: [], dns: [] }, kubeconfigPath: join(dir.path, "kubeconfig.yaml"), kubeconfigMode: 0o600, port: 0 });
    const server = await startServer({
      port: 0,
      bindAddress: "127.0.0.1",
      advertise: "127.0.0.1:0",
      tls: { cert: pki.serving.certPem, key: pki.serving.keyPem },
      tokens: [{ token: pki.admin.token, user: { name: "system:admin", groups: ["system:masters"] } }],
      datastore: "memory://",
      log: createLogger("error"),
      join: { serverCaPem: pki.serverCa.certPem, clientCa: pki.clientCa, tokenSecret: pki.tokenSecret },
    });
    try {
      let out = "";
      let err = "";
      const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t) };
      const conn = ["--data-dir", join(dir.path, "data"), "--server", `https://127.0.0.1:${server.port}`];
      expect(await runToken(["create", "--ttl", "2h", "--description", "rack 2", ...conn], io)).toBe(0);
      const token = out.trim();
      expect(token).toMatch(new RegExp(`^K10${pki.joinToken.slice(3, 67)}::[a-z0-9]{6}\\.[a-z0-9]{16}$`));
      const id = token.split("::")[1]!.split(".")[0]!;
      out = "";
      expect(await runToken(["list", ...conn], io)).toBe(0);
      const lines = out.trim().split("\n");
      expect(lines[0]).toMatch(/^ID\s+TTL\s+EXPIRES\s+DESCRIPTION$/);
      // 2h less the moments since create: 1h or 2h, by where the expiry's second boundary falls.
      expect(lines[1]).toMatch(new RegExp(`^${id}\\s+[12]h\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+rack 2$`));
      out = "";
      expect(await runToken(["delete", id, ...conn], io)).toBe(0);
      expect(out).toBe(`bootstrap token "${id}" deleted\n`);
      expect(await runToken(["delete", id, ...conn], io)).toBe(1);
      expect(err).toContain(`bootstrap token "${id}" not found`);
    } finally {
      await server.stop();
    }
  });

  test("bad arguments are usage errors before any connection", async () => {
    const io = { stdout: () => {}, stderr: () => {} };
    await expect(runToken(["create", "--ttl", "soon"], io)).rejects.toThrow('invalid duration "soon"');
    await expect(runToken(["create", "--tll", "1h"], io)).rejects.toThrow('unknown flag "--tll" (did you mean "--ttl"?)');
    await expect(runToken(["delete"], io)).rejects.toThrow("missing token ID");
    await expect(runToken(["delete", "NOPE"], io)).rejects.toThrow('"NOPE" is not a token ID');
  });
});
