import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { tempDir } from "../shared/pki/testing.ts";
import { parseAgentConfig, parseServerConfig, parseSimConfig, type ConfigContext } from "./config.ts";

const NO_FILE = "/nonexistent/kubun/config.yaml";

function ctx(env: Record<string, string> = {}, more: Partial<ConfigContext> = {}): ConfigContext {
  return { env, hostname: "Edge-1", cwd: "/work", defaultConfigFile: NO_FILE, ...more };
}

describe("server configuration", () => {
  test("without flags, environment or file every field has the k3s-style default", () => {
    expect(parseServerConfig([], ctx())).toEqual({
      configFile: undefined,
      logLevel: "info",
      dataDir: "/var/lib/kubun",
      token: undefined,
      httpsListenPort: 6443,
      bindAddress: "0.0.0.0",
      advertiseAddress: undefined,
      tlsSan: [],
      writeKubeconfig: "/etc/kubun/kubun.yaml",
      writeKubeconfigMode: 0o600,
      clusterCidr: "10.42.0.0/16",
      serviceCidr: "10.43.0.0/16",
      clusterDns: "10.43.0.10",
      clusterDomain: "cluster.local",
      datastoreEndpoint: "sqlite:///var/lib/kubun/server/db/state.db",
      defaultNotReadyTolerationSeconds: 300,
      defaultUnreachableTolerationSeconds: 300,
      disableAgent: false,
      nodeName: "edge-1",
      nodeIp: undefined,
      nodeLabel: [],
      nodeTaint: [],
      registryConfig: undefined,
      containerLogMaxSize: "10Mi",
      containerLogMaxFiles: 5,
      containerBackoffMax: "5m",
      syncFrequency: "1m",
    });
  });

  test("a flag beats the environment, which beats the config file, which beats the default", async () => {
    await using dir = await tempDir();
    const file = join(dir.path, "config.yaml");
    await Bun.write(file, "data-dir: /from/file\n");
    const flag = ["--data-dir", "/from/flag"];
    const env = { KUBUN_DATA_DIR: "/from/env" };
    const withFile = { defaultConfigFile: file };
    expect(parseServerConfig(flag, ctx(env, withFile)).dataDir).toBe("/from/flag");
    expect(parseServerConfig([], ctx(env, withFile)).dataDir).toBe("/from/env");
    expect(parseServerConfig([], ctx({}, withFile)).dataDir).toBe("/from/file");
    expect(parseServerConfig([], ctx()).dataDir).toBe("/var/lib/kubun");
  });

  test("the datastore default follows the data dir from whichever layer set it", () => {
    expect(parseServerConfig([], ctx({ KUBUN_DATA_DIR: "/srv/k" })).datastoreEndpoint).toBe("sqlite:///srv/k/server/db/state.db");
    expect(parseServerConfig(["-d", "/x", "--datastore-endpoint", "postgres://db/kubun"], ctx()).datastoreEndpoint).toBe("postgres://db/kubun");
  });

  test("--tls-san repeats and splits on commas; a flag list replaces lower layers", () => {
    const argv = ["--tls-san", "a.example", "--tls-san", "10.0.0.1,b.example", "--tls-san=c.example"];
    expect(parseServerConfig(argv, ctx({ KUBUN_TLS_SAN: "env.example" })).tlsSan).toEqual(["a.example", "10.0.0.1", "b.example", "c.example"]);
    expect(parseServerConfig([], ctx({ KUBUN_TLS_SAN: "x.example, 10.1.1.1" })).tlsSan).toEqual(["x.example", "10.1.1.1"]);
  });

  test("the config file takes YAML lists or comma-separated text, and octal modes as written", async () => {
    await using dir = await tempDir();
    const file = join(dir.path, "config.yaml");
    await Bun.write(file, ["tls-san:", "  - one.example", "  - 10.9.9.9", "node-label: a=b,c=d", "write-kubeconfig-mode: 0644", "disable-agent: true", "https-listen-port: 7443", ""].join("\n"));
    const c = parseServerConfig(["--config", file], ctx());
    expect(c.configFile).toBe(file);
    expect(c.tlsSan).toEqual(["one.example", "10.9.9.9"]);
    expect(c.nodeLabel).toEqual(["a=b", "c=d"]);
    expect(c.writeKubeconfigMode).toBe(0o644);
    expect(c.disableAgent).toBe(true);
    expect(c.httpsListenPort).toBe(7443);
  });

  test("KUBUN_CONFIG_FILE names the file; the default file is read only if it exists", async () => {
    await using dir = await tempDir();
    const file = join(dir.path, "k.yaml");
    await Bun.write(file, "cluster-domain: corp.internal\n");
    expect(parseServerConfig([], ctx({ KUBUN_CONFIG_FILE: file })).clusterDomain).toBe("corp.internal");
    expect(parseServerConfig([], ctx({}, { defaultConfigFile: file })).configFile).toBe(file);
    expect(parseServerConfig([], ctx()).configFile).toBeUndefined();
    expect(() => parseServerConfig(["--config", join(dir.path, "missing.yaml")], ctx())).toThrow(`config file ${join(dir.path, "missing.yaml")} (from flag --config) does not exist`);
  });

  test("boolean flags take a bare flag, =false, or true/false from the environment", () => {
    expect(parseServerConfig(["--disable-agent"], ctx()).disableAgent).toBe(true);
    expect(parseServerConfig(["--disable-agent=false"], ctx({ KUBUN_DISABLE_AGENT: "true" })).disableAgent).toBe(false);
    expect(parseServerConfig([], ctx({ KUBUN_DISABLE_AGENT: "true" })).disableAgent).toBe(true);
    expect(() => parseServerConfig([], ctx({ KUBUN_DISABLE_AGENT: "maybe" }))).toThrow(
      'invalid value "maybe" for --disable-agent (from environment variable KUBUN_DISABLE_AGENT): must be true or false',
    );
  });

  test("the default toleration seconds take whole seconds, 0 or more", () => {
    const c = parseServerConfig(["--default-unreachable-toleration-seconds", "5"], ctx({ KUBUN_DEFAULT_NOT_READY_TOLERATION_SECONDS: "60" }));
    expect([c.defaultNotReadyTolerationSeconds, c.defaultUnreachableTolerationSeconds]).toEqual([60, 5]);
    expect(() => parseServerConfig(["--default-unreachable-toleration-seconds", "-1"], ctx())).toThrow("must be a whole number of seconds, 0 or more");
  });

  test("relative paths are made absolute against the working directory", () => {
    const c = parseServerConfig(["--data-dir", "state", "-o", "kc.yaml"], ctx());
    expect(c.dataDir).toBe("/work/state");
    expect(c.writeKubeconfig).toBe("/work/kc.yaml");
  });

  test("the configuration is frozen, lists included", () => {
    const c = parseServerConfig(["--tls-san", "a"], ctx());
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.tlsSan)).toBe(true);
    expect(() => {
      (c as { dataDir: string }).dataDir = "/elsewhere";
    }).toThrow();
  });

  test("an unknown flag is an error that suggests the closest one", () => {
    expect(() => parseServerConfig(["--tls-sans", "x"], ctx())).toThrow("unknown flag --tls-sans (did you mean --tls-san?)");
    expect(() => parseServerConfig(["--frobnicate"], ctx())).toThrow("unknown flag --frobnicate");
    expect(() => parseServerConfig(["-z"], ctx())).toThrow("unknown flag -z");
  });

  test("an agent-only flag given to the server says which commands take it", () => {
    expect(() => parseServerConfig(["--server", "https://x:6443"], ctx())).toThrow("flag --server belongs to 'kubun agent' and 'kubun sim', not 'kubun server'");
  });

  test("a flag without its value and a stray argument are errors", () => {
    expect(() => parseServerConfig(["--data-dir"], ctx())).toThrow("flag --data-dir needs a value");
    expect(() => parseServerConfig(["--token", "--disable-agent"], ctx())).toThrow("flag --token needs a value");
    expect(() => parseServerConfig(["now"], ctx())).toThrow('unexpected argument "now"');
  });

  test("values are checked and the error names the flag, the source and the value", () => {
    expect(() => parseServerConfig(["--https-listen-port", "70000"], ctx())).toThrow('invalid value "70000" for --https-listen-port (from flag --https-listen-port): must be a port number from 1 to 65535');
    expect(() => parseServerConfig([], ctx({ KUBUN_BIND_ADDRESS: "example.com" }))).toThrow("must be an IP address");
    expect(() => parseServerConfig(["--service-cidr", "10.43.0.0"], ctx())).toThrow("must be a CIDR");
    expect(() => parseServerConfig(["--log-level", "loud"], ctx())).toThrow("must be one of debug, info, warn, error");
    expect(() => parseServerConfig(["--write-kubeconfig-mode", "644x"], ctx())).toThrow('must be an octal file mode such as "0644"');
    expect(() => parseServerConfig(["--node-taint", "dedicated=edge"], ctx())).toThrow("must be KEY[=VALUE]:EFFECT");
    expect(() => parseServerConfig(["--node-label", "a"], ctx())).toThrow("must be KEY=VALUE");
  });

  test("dual-stack CIDRs and well-formed labels and taints are accepted", () => {
    const c = parseServerConfig(
      ["--service-cidr", "10.43.0.0/16,fd00:43::/112", "--node-label", "topology.kubernetes.io/zone=shop-1", "--node-taint", "dedicated=edge:NoSchedule"],
      ctx(),
    );
    expect(c.serviceCidr).toBe("10.43.0.0/16,fd00:43::/112");
    expect(c.nodeTaint).toEqual(["dedicated=edge:NoSchedule"]);
  });

  test("the config file rejects unknown keys, skips agent-only keys, and cannot nest --config", async () => {
    await using dir = await tempDir();
    const file = join(dir.path, "config.yaml");
    await Bun.write(file, "tls-sans: [a]\n");
    expect(() => parseServerConfig(["-c", file], ctx())).toThrow(`config file ${file}: unknown key "tls-sans" (did you mean "tls-san"?)`);
    await Bun.write(file, "server: https://10.0.0.1:6443\ntoken: shared\n");
    expect(parseServerConfig(["-c", file], ctx()).token).toBe("shared");
    await Bun.write(file, "config: /etc/other.yaml\n");
    expect(() => parseServerConfig(["-c", file], ctx())).toThrow('key "config" cannot be set inside a config file');
    await Bun.write(file, "https-listen-port: [1, 2]\n");
    expect(() => parseServerConfig(["-c", file], ctx())).toThrow("takes one value, not a list");
    await Bun.write(file, "tls-san: [a\n");
    expect(() => parseServerConfig(["-c", file], ctx())).toThrow("is not valid YAML");
  });

  test("the process environment is read only through the context", () => {
    process.env.KUBUN_DATA_DIR = "/from/process/env";
    try {
      expect(parseServerConfig([], ctx()).dataDir).toBe("/var/lib/kubun");
    } finally {
      delete process.env.KUBUN_DATA_DIR;
    }
  });
});

describe("agent configuration", () => {
  test("--server comes from KUBUN_URL and the token from KUBUN_TOKEN", () => {
    const c = parseAgentConfig([], ctx({ KUBUN_URL: "https://10.0.0.1:6443", KUBUN_TOKEN: "K10abc::server:x" }));
    expect(c.server).toBe("https://10.0.0.1:6443");
    expect(c.token).toBe("K10abc::server:x");
    expect(c.nodeName).toBe("edge-1");
    expect(c.dataDir).toBe("/var/lib/kubun");
  });

  test("an agent needs a server URL and a token", () => {
    expect(() => parseAgentConfig(["--token", "x"], ctx())).toThrow("--server is required");
    expect(() => parseAgentConfig(["-s", "https://10.0.0.1:6443"], ctx())).toThrow("--token is required");
    expect(() => parseAgentConfig(["-s", "https://10.0.0.1:6443", "--token="], ctx())).toThrow("--token is required");
    expect(() => parseAgentConfig(["-s", "http://10.0.0.1:6443", "-t", "x"], ctx())).toThrow("must be an https:// URL");
  });

  test("server-only flags are refused by the agent", () => {
    expect(() => parseAgentConfig(["--tls-san", "x"], ctx())).toThrow("flag --tls-san belongs to 'kubun server', not 'kubun agent'");
  });

  test("node labels and taints repeat", () => {
    const c = parseAgentConfig(["-s", "https://h:6443", "-t", "x", "--node-label", "a=1", "--node-label", "b=2", "--node-taint", "k:NoExecute"], ctx());
    expect(c.nodeLabel).toEqual(["a=1", "b=2"]);
    expect(c.nodeTaint).toEqual(["k:NoExecute"]);
  });
});

describe("sim configuration", () => {
  test("--server comes from KUBUN_URL and the token from KUBUN_TOKEN; the simulation has defaults", () => {
    expect(parseSimConfig([], ctx({ KUBUN_URL: "https://10.0.0.1:6443", KUBUN_TOKEN: "K10abc::server:x" }))).toEqual({
      configFile: undefined,
      logLevel: "info",
      dataDir: "/var/lib/kubun",
      server: "https://10.0.0.1:6443",
      token: "K10abc::server:x",
      nodes: 1,
      nodeNamePrefix: "sim",
      simStartupDelay: "200ms",
      simCompletion: "1s",
      simSharedWatch: false,
    });
  });

  test("sim needs a server URL and a token", () => {
    expect(() => parseSimConfig(["--token", "x"], ctx())).toThrow("--server is required");
    expect(() => parseSimConfig(["-s", "https://10.0.0.1:6443"], ctx())).toThrow("--token is required");
  });

  test("durations need a unit, --nodes at least 1; the error names the rule", () => {
    const join = ["-s", "https://h:6443", "-t", "x"];
    expect(() => parseSimConfig([...join, "--sim-startup-delay", "2x"], ctx())).toThrow(
      'invalid value "2x" for --sim-startup-delay (from flag --sim-startup-delay): must be a number with a unit, such as 200ms, 1s or 1m30s',
    );
    expect(() => parseSimConfig(join, ctx({ KUBUN_SIM_COMPLETION: "5" }))).toThrow("must be a number with a unit");
    expect(() => parseSimConfig([...join, "--nodes", "0"], ctx())).toThrow("must be a whole number of at least 1");
    const c = parseSimConfig([...join, "--nodes", "50", "--sim-startup-delay", "1m30s", "--sim-completion", "0", "--sim-shared-watch"], ctx());
    expect([c.nodes, c.simStartupDelay, c.simCompletion, c.simSharedWatch]).toEqual([50, "1m30s", "0", true]);
  });

  test("node and server flags are refused by sim", () => {
    expect(() => parseSimConfig(["--node-name", "x"], ctx())).toThrow("flag --node-name belongs to 'kubun server' and 'kubun agent', not 'kubun sim'");
    expect(() => parseSimConfig(["--disable-agent"], ctx())).toThrow("not 'kubun sim'");
  });
});
