import { describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS } from "./commands.ts";
import { main } from "./main.ts";

async function tempDir() {
  const path = await mkdtemp(join(tmpdir(), "kubun-main-"));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}

async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    env: {},
    hostname: "test-host",
    cwd: "/",
    defaultConfigFile: "/nonexistent/config.yaml",
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

describe("kubun entry point", () => {
  test("--version and version print kubun's and Kubernetes' versions", async () => {
    for (const argv of [["--version"], ["-v"], ["version"]]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toStartWith("kubun version v0.1.0 (kubernetes v1.33.0+kubun)\n");
    }
  });

  test("no arguments, --help and help print the command list", async () => {
    for (const argv of [[], ["--help"], ["-h"], ["help"]]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      for (const c of COMMANDS) expect(r.stdout).toContain(`   ${c.name} `);
    }
  });

  test("every command answers --help and help <command> with exit code 0", async () => {
    for (const c of COMMANDS) {
      for (const argv of [[c.name, "--help"], ["help", c.name]]) {
        const r = await run(...argv);
        expect({ argv, code: r.code, stderr: r.stderr }).toEqual({ argv, code: 0, stderr: "" });
        expect(r.stdout).toContain(`kubun ${c.name} - ${c.summary}`);
      }
    }
    expect((await run("token", "create", "--help")).code).toBe(0);
  });

  test("--help wins over other flags, even invalid ones", async () => {
    const r = await run("server", "--https-listen-port", "nope", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--https-listen-port PORT");
  });

  test("an unknown flag exits 1 with the error and a hint on stderr", async () => {
    const r = await run("server", "--tls-sans", "x");
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: "kubun server: unknown flag --tls-sans (did you mean --tls-san?)\n  run 'kubun server --help' to list its flags\n",
    });
  });

  test("an unknown command exits 1 and suggests the closest", async () => {
    const r = await run("sever");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('kubun: unknown command "sever" (did you mean "server"?)');
    expect((await run("--verbose")).stderr).toContain('unknown flag "--verbose"');
    expect((await run("help", "nope")).code).toBe(1);
  });

  test("an agent whose server cannot be reached exits 1 saying it could not join", async () => {
    await using dir = await tempDir();
    const r = await run("agent", "--server", "https://127.0.0.1:1", "--token", "x", "--data-dir", dir.path, "--node-name", "n1");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toStartWith("kubun agent: the agent of node n1 could not start: joining https://127.0.0.1:1: ");
    expect((await run("agent")).stderr).toContain("is required");
  });

  test("kubun sim --help lists its flags; a missing --server or a bad duration exits 1 before anything runs", async () => {
    const help = await run("sim", "--help");
    expect(help.code).toBe(0);
    for (const flag of ["--nodes N", "--node-name-prefix", "--sim-startup-delay", "--sim-completion", "--sim-shared-watch", "--server URL", "--token TOKEN"]) {
      expect(help.stdout).toContain(flag);
    }
    expect(await run("sim", "--token", "x")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'kubun sim: --server is required\n  pass --server, set KUBUN_URL, or put "server:" in the config file\n',
    });
    const bad = await run("sim", "-s", "https://10.0.0.1:6443", "-t", "x", "--sim-startup-delay", "2x");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--sim-startup-delay");
    expect(bad.stderr).toContain("must be a number with a unit");
  });

  test("token subcommands without a reachable server exit 1 and name what they tried", async () => {
    const r = await run("token", "create", "--kubeconfig", "/nonexistent/kc.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot read kubeconfig /nonexistent/kc.yaml");
    const wrong = await run("token", "crate");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('unknown subcommand "crate" (did you mean "create"?)');
  });

  test("version takes no arguments", async () => {
    expect((await run("version", "extra")).code).toBe(1);
  });
});
