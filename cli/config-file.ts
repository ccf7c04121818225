// The YAML config file: its keys are flag names, its values what the flags would take.
// Scalars are read as text (YAML failsafe schema), so `write-kubeconfig-mode: 0644` stays
// "0644" and every value goes through the same conversion as a command-line flag.

import { parse } from "yaml";
import type { RawValue } from "./argv.ts";
import { splitList as splitItems } from "../shared/config/net.ts";
import { UsageError } from "./errors.ts";
import { FLAGS, type Command, type FlagSpec } from "./flags.ts";
import { closest } from "./suggest.ts";

/**
 * Raw values for `command` from the file's text. Keys of flags that only the other
 * command takes are skipped, so server and agent can share one file; keys that are no
 * flag at all are an error.
 */
export function parseConfigFile(path: string, text: string, command: Command): Map<string, RawValue> {
  let doc: unknown;
  try {
    doc = parse(text, { schema: "failsafe" });
  } catch (err) {
    throw new UsageError(`config file ${path} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const out = new Map<string, RawValue>();
  if (doc === null || doc === undefined || doc === "") return out;
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new UsageError(`config file ${path} must be a mapping of flag names to values`);
  }
  const all: readonly FlagSpec[] = FLAGS;
  for (const [key, value] of Object.entries(doc)) {
    const flag = all.find((f) => f.name === key);
    if (!flag) {
      const guess = closest(key, all.map((f) => f.name));
      throw new UsageError(`config file ${path}: unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}`, "keys are flag names without the leading dashes");
    }
    if (key === "config") throw new UsageError(`config file ${path}: key "config" cannot be set inside a config file`);
    if (!flag.commands.includes(command)) continue;
    const source = `key "${key}" of config file ${path}`;
    if (Array.isArray(value)) {
      if (flag.type !== "list") throw new UsageError(`${source} takes one value, not a list`);
      if (!value.every((v) => typeof v === "string")) throw new UsageError(`${source} must be a list of plain values`);
      out.set(key, { values: value.flatMap(splitItems), source });
    } else if (value === "") {
      continue;
    } else if (typeof value === "string") {
      out.set(key, { values: flag.type === "list" ? splitItems(value) : [value], source });
    } else {
      throw new UsageError(`${source} must be a plain value${flag.type === "list" ? " or a list" : ""}`);
    }
  }
  return out;
}
