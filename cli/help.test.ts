import { describe, expect, test } from "bun:test";
import { envName, flagsFor, FLAGS } from "./flags.ts";
import { commandHelp } from "./help.ts";

describe("generated help", () => {
  test("server help lists every server flag with its environment variable", () => {
    const text = commandHelp("server")!;
    for (const f of flagsFor("server")) {
      expect(text).toContain(`--${f.name}`);
      expect(text).toContain(`[$${envName(f)}]`);
    }
  });

  test("agent help lists agent flags only", () => {
    const text = commandHelp("agent")!;
    expect(text).toContain("--server URL, -s URL");
    expect(text).toContain("[$KUBUN_URL]");
    expect(text).not.toContain("--tls-san");
    expect(text).not.toContain("--disable-agent");
  });

  test("sim help lists the join and simulation flags, not the node flags", () => {
    const text = commandHelp("sim")!;
    expect(text).toContain("kubun sim --server https://HOST:6443 --token TOKEN --nodes N [flags]");
    expect(text).toContain("SIMULATION FLAGS:");
    for (const f of flagsFor("sim")) expect(text).toContain(`--${f.name}`);
    expect(text).toContain("--nodes N");
    expect(text).toContain("(default: 200ms) [$KUBUN_SIM_STARTUP_DELAY]");
    expect(text).not.toContain("--node-name ");
  });

  test("defaults are shown as typed, computed ones as described", () => {
    const text = commandHelp("server")!;
    expect(text).toContain("(default: /var/lib/kubun)");
    expect(text).toContain("(default: 6443)");
    expect(text).toContain("(default: sqlite://<data-dir>/server/db/state.db)");
  });

  test("environment names derive from flag names unless the table says otherwise", () => {
    const byName = (n: string) => FLAGS.find((f) => f.name === n)!;
    expect(envName(byName("data-dir"))).toBe("KUBUN_DATA_DIR");
    expect(envName(byName("token"))).toBe("KUBUN_TOKEN");
    expect(envName(byName("server"))).toBe("KUBUN_URL");
    expect(envName(byName("config"))).toBe("KUBUN_CONFIG_FILE");
  });

  test("flag names, aliases and environment names are unique", () => {
    const names = FLAGS.map((f) => f.name);
    const aliases = FLAGS.flatMap((f) => ("alias" in f ? [f.alias] : []));
    const envs = FLAGS.map(envName);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(new Set(envs).size).toBe(envs.length);
  });
});
