#!/usr/bin/env bun
// kubun's one entry point: picks the subcommand, parses its configuration once, runs it.
// This is the only module that touches process.env, process.argv and process.exit.
// Server, agent and sim code load only when their command runs, so `kubun version`, --help and
// flag errors stay fast and independent of them.

import { hostname } from "node:os";
import { COMMANDS, commandInfo } from "./commands.ts";
import { parseAgentConfig, parseServerConfig, parseSimConfig, type ConfigContext } from "./config.ts";
import { UsageError } from "./errors.ts";
import { commandHelp, rootHelp } from "./help.ts";
import { closest } from "./suggest.ts";
import { runToken } from "./token.ts";
import { versionText } from "./version.ts";

export interface MainIo extends ConfigContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

async function dispatch(command: string | undefined, args: readonly string[], io: MainIo): Promise<number> {
  switch (command) {
    case undefined:
    case "--help":
    case "-h":
      io.stdout(rootHelp());
      return 0;
    case "--version":
    case "-v":
      io.stdout(versionText());
      return 0;
    case "help": {
      const topic = args[0] === "--help" || args[0] === "-h" ? "help" : args[0];
      const text = topic === undefined ? rootHelp() : commandHelp(topic);
      if (text === undefined) throw unknownCommand(topic!);
      io.stdout(text);
      return 0;
    }
    case "version":
      if (wantsHelp(args)) io.stdout(commandHelp("version")!);
      else if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`, "'kubun version' takes no arguments");
      else io.stdout(versionText());
      return 0;
    case "server": {
      if (wantsHelp(args)) {
        io.stdout(commandHelp("server")!);
        return 0;
      }
      const config = parseServerConfig(args, io);
      await (await import("./server.ts")).runServer(config);
      return 0;
    }
    case "agent": {
      if (wantsHelp(args)) {
        io.stdout(commandHelp("agent")!);
        return 0;
      }
      const config = parseAgentConfig(args, io);
      await (await import("./agent.ts")).runAgent(config);
      return 0;
    }
    case "sim": {
      if (wantsHelp(args)) {
        io.stdout(commandHelp("sim")!);
        return 0;
      }
      const config = parseSimConfig(args, io);
      await (await import("./sim.ts")).runSim(config);
      return 0;
    }
    case "token":
      return runToken(args, io);
    default:
      throw unknownCommand(command);
  }
}

function unknownCommand(name: string): UsageError {
  const guess = closest(name, COMMANDS.map((c) => c.name));
  const what = name.startsWith("-") ? "flag" : "command";
  return new UsageError(`unknown ${what} "${name}"${guess ? ` (did you mean "${guess}"?)` : ""}`, "run 'kubun --help' to list the commands");
}

/** Runs kubun with `argv` (without the program name) and returns the exit code. */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const [command, ...args] = argv;
  const prefix = command !== undefined && commandInfo(command) ? `kubun ${command}` : "kubun";
  try {
    return await dispatch(command, args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${prefix}: ${err.message}\n${err.hint ? `  ${err.hint}\n` : ""}`);
    } else if (err instanceof Error && err.constructor === Error) {
      io.stderr(`${prefix}: ${err.message}\n`);
    } else {
      io.stderr(`${prefix}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    return 1;
  }
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2), {
    env: process.env,
    hostname: hostname(),
    cwd: process.cwd(),
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
  });
  process.exit(code);
}
