// Builds the frozen ServerConfig / AgentConfig / SimConfig from, in order of precedence,
// command-line flags, KUBUN_* environment variables, the YAML config file, and the table's defaults.
// This and cli/main.ts are the only readers of the environment, which arrives as an argument.

import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { AgentConfig, ServerConfig, SimConfig } from "../shared/config/types.ts";
import { parseArgv, type RawValue } from "./argv.ts";
import { parseConfigFile } from "./config-file.ts";
import { UsageError } from "./errors.ts";
import { configKey, envName, flagsFor, type Command, type FlagSpec } from "./flags.ts";
import { splitList } from "../shared/config/net.ts";

export type { AgentConfig, ServerConfig, SimConfig } from "../shared/config/types.ts";

export const DEFAULT_CONFIG_FILE = "/etc/kubun/config.yaml";

export interface ConfigContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly hostname: string;
  /** Relative paths are resolved against this. */
  readonly cwd: string;
  /** Read when neither --config nor KUBUN_CONFIG_FILE names a file, if it exists. */
  readonly defaultConfigFile?: string;
}

export function parseServerConfig(argv: readonly string[], ctx: ConfigContext): ServerConfig {
  return parseConfig("server", argv, ctx) as unknown as ServerConfig;
}

export function parseAgentConfig(argv: readonly string[], ctx: ConfigContext): AgentConfig {
  return parseConfig("agent", argv, ctx) as unknown as AgentConfig;
}

export function parseSimConfig(argv: readonly string[], ctx: ConfigContext): SimConfig {
  return parseConfig("sim", argv, ctx) as unknown as SimConfig;
}

function fromEnv(command: Command, env: ConfigContext["env"]): Map<string, RawValue> {
  const out = new Map<string, RawValue>();
  for (const f of flagsFor(command)) {
    const name = envName(f);
    const v = env[name];
    if (v === undefined || v === "") continue;
    out.set(f.name, { values: f.type === "list" ? splitList(v) : [v], source: `environment variable ${name}` });
  }
  return out;
}

function readConfigLayer(command: Command, cli: Map<string, RawValue>, env: Map<string, RawValue>, ctx: ConfigContext) {
  const named = cli.get("config") ?? env.get("config");
  const path = named ? resolve(ctx.cwd, named.values[0]!) : (ctx.defaultConfigFile ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (named) throw new UsageError(`config file ${path} (from ${named.source}) does not exist`);
    return { path: undefined, values: new Map<string, RawValue>() };
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read config file ${path}: ${(err as Error).message}`);
  }
  return { path, values: parseConfigFile(path, text, command) };
}

function convert(f: FlagSpec, raw: RawValue, ctx: ConfigContext): unknown {
  const bad = (why: string, value: string) => new UsageError(`invalid value "${value}" for --${f.name} (from ${raw.source}): ${why}`);
  for (const v of raw.values) {
    if (f.choices && !f.choices.includes(v)) throw bad(`must be one of ${f.choices.join(", ")}`, v);
    const problem = f.check?.(v);
    if (problem) throw bad(problem, v);
  }
  const v = raw.values[raw.values.length - 1] ?? "";
  switch (f.type) {
    case "list":
      return Object.freeze([...raw.values]);
    case "bool":
      if (/^(true|1)$/i.test(v)) return true;
      if (/^(false|0)$/i.test(v)) return false;
      throw bad("must be true or false", v);
    case "int":
      if (!/^-?\d+$/.test(v)) throw bad("must be an integer", v);
      return Number(v);
    case "mode":
      return parseInt(v, 8);
    case "path":
      return resolve(ctx.cwd, v);
    case "string":
      return v;
  }
}

/** The configuration of `command` as a frozen object keyed by configKey(flag). */
export function parseConfig(command: Command, argv: readonly string[], ctx: ConfigContext): Readonly<Record<string, unknown>> {
  const cli = parseArgv(command, argv);
  const env = fromEnv(command, ctx.env);
  const file = readConfigLayer(command, cli, env, ctx);
  const values: Record<string, unknown> = {};
  for (const f of flagsFor(command)) {
    const key = configKey(f);
    if (f.name === "config") {
      values[key] = file.path;
      continue;
    }
    const raw = cli.get(f.name) ?? env.get(f.name) ?? file.values.get(f.name);
    if (raw && !(f.required?.includes(command) && raw.values.join("") === "")) {
      values[key] = convert(f, raw, ctx);
    } else if (f.default !== undefined) {
      const text = typeof f.default === "function" ? f.default({ hostname: ctx.hostname, values }) : f.default;
      values[key] = convert(f, { values: [text], source: "the default" }, ctx);
    } else if (f.required?.includes(command)) {
      throw new UsageError(
        `--${f.name} is required`,
        `pass --${f.name}, set ${envName(f)}, or put "${f.name}:" in the config file`,
      );
    } else {
      values[key] = f.type === "bool" ? false : f.type === "list" ? Object.freeze([]) : undefined;
    }
  }
  return Object.freeze(values);
}
