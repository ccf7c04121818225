// Command-line flags into raw values: `--name value`, `--name=value`, `-a value`, bare
// booleans, repeatable and comma-separated lists.

import { splitList } from "../shared/config/net.ts";
import { UsageError } from "./errors.ts";
import { FLAGS, flagsFor, type Command, type FlagSpec } from "./flags.ts";
import { closest } from "./suggest.ts";

/** Values of one flag as text, and where they came from (for error messages). */
export interface RawValue {
  readonly values: readonly string[];
  readonly source: string;
}

function lookup(command: Command, token: string): FlagSpec {
  const long = token.startsWith("--");
  const name = token.replace(/^--?/, "");
  const all: readonly FlagSpec[] = FLAGS;
  const flag = all.find((f) => (long ? f.name === name : f.alias === name));
  const hint = `run 'kubun ${command} --help' to list its flags`;
  if (!flag) {
    const guess = long ? closest(name, flagsFor(command).map((f) => f.name)) : undefined;
    throw new UsageError(`unknown flag ${token}${guess ? ` (did you mean --${guess}?)` : ""}`, hint);
  }
  if (!flag.commands.includes(command)) {
    throw new UsageError(`flag --${flag.name} belongs to ${flag.commands.map((c) => `'kubun ${c}'`).join(" and ")}, not 'kubun ${command}'`, hint);
  }
  return flag;
}

export function parseArgv(command: Command, argv: readonly string[]): Map<string, RawValue> {
  const out = new Map<string, RawValue>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      if (i + 1 < argv.length) throw new UsageError(`unexpected argument "${argv[i + 1]}"`, `'kubun ${command}' takes only flags`);
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      throw new UsageError(`unexpected argument "${arg}"`, `'kubun ${command}' takes only flags; run 'kubun ${command} --help'`);
    }
    const eq = arg.indexOf("=");
    const token = eq < 0 ? arg : arg.slice(0, eq);
    const flag = lookup(command, token);
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else if (flag.type === "bool") {
      value = "true";
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(`flag --${flag.name} needs a value`, `for example --${flag.name} ${flag.placeholder ?? "VALUE"}`);
      }
      value = next;
      i++;
    }
    const source = `flag --${flag.name}`;
    if (flag.type === "list") {
      const before = out.get(flag.name)?.values ?? [];
      out.set(flag.name, { values: [...before, ...splitList(value)], source });
    } else {
      out.set(flag.name, { values: [value], source });
    }
  }
  return out;
}
