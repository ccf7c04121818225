// --help text, generated from the command list and the flag table.

import { COMMANDS, commandInfo } from "./commands.ts";
import { envName, flagsFor, type Command, type FlagSpec } from "./flags.ts";
import { DEFAULT_CONFIG_FILE } from "./config.ts";

function table(rows: readonly (readonly [string, string])[], width = Math.max(...rows.map(([l]) => l.length))): string {
  const indent = "   ";
  return rows.map(([l, r]) => `${indent}${l.padEnd(width)}   ${r}`).join("\n");
}

function flagLabel(f: FlagSpec): string {
  const value = f.type === "bool" ? "" : ` ${f.placeholder ?? "VALUE"}`;
  return `--${f.name}${value}${f.alias ? `, -${f.alias}${value}` : ""}`;
}

function flagText(f: FlagSpec): string {
  const def = f.defaultText ?? (typeof f.default === "string" ? f.default : undefined);
  const parts = [f.help];
  if (f.choices) parts.push(`(one of: ${f.choices.join(", ")})`);
  if (def !== undefined) parts.push(`(default: ${def})`);
  parts.push(`[$${envName(f)}]`);
  return parts.join(" ");
}

export function rootHelp(): string {
  return [
    "kubun - a k3s-style Kubernetes distribution in one executable",
    "",
    "USAGE:",
    "   kubun <command> [flags]",
    "",
    "COMMANDS:",
    table(COMMANDS.map((c) => [c.name, c.summary])),
    "",
    "GLOBAL FLAGS:",
    table([
      ["--help, -h", "Show help"],
      ["--version, -v", "Print the version"],
    ]),
    "",
    "Run 'kubun <command> --help' for the flags of a command.",
    "",
  ].join("\n");
}

/** Help for `kubun server`, `kubun agent` or `kubun sim`: every flag of the table, grouped. */
function flagCommandHelp(command: Command): string {
  const info = commandInfo(command)!;
  const flags = flagsFor(command);
  const groups = [...new Set(flags.map((f) => f.group))];
  const width = Math.max(...flags.map((f) => flagLabel(f).length));
  const out = [`kubun ${command} - ${info.summary}`, "", "USAGE:", `   ${info.usage}`, ""];
  for (const g of groups) {
    out.push(`${g.toUpperCase()} FLAGS:`, table(flags.filter((f) => f.group === g).map((f) => [flagLabel(f), flagText(f)]), width), "");
  }
  out.push(
    "Each flag can also be set by the environment variable shown, or by a key of the same",
    `name in the YAML config file (--config, default ${DEFAULT_CONFIG_FILE}).`,
    "Precedence: flag, then environment, then config file, then default.",
    "",
  );
  return out.join("\n");
}

export function commandHelp(name: string): string | undefined {
  if (name === "server" || name === "agent" || name === "sim") return flagCommandHelp(name);
  const info = commandInfo(name);
  if (!info) return undefined;
  const out = [`kubun ${info.name} - ${info.summary}`, "", "USAGE:", `   ${info.usage}`, ""];
  if (info.subcommands) {
    out.push("SUBCOMMANDS:", table(info.subcommands.map((s) => [s.name, s.summary])), "");
  }
  return out.join("\n");
}
