// `kubun token create|list|delete`: join tokens will be stored through the API; until then
// each subcommand says so and exits 1.

import { commandHelp } from "./help.ts";
import { UsageError } from "./errors.ts";
import { commandInfo } from "./commands.ts";
import { closest } from "./suggest.ts";

export interface TokenIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function runToken(args: readonly string[], io: TokenIo): Promise<number> {
  const sub = args[0];
  const names = commandInfo("token")!.subcommands!.map((s) => s.name);
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    io.stdout(commandHelp("token")!);
    return 0;
  }
  if (!names.includes(sub)) {
    const guess = closest(sub, names);
    throw new UsageError(`unknown subcommand "${sub}"${guess ? ` (did you mean "${guess}"?)` : ""}`, "run 'kubun token --help' to list them");
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`kubun token ${sub} - ${commandInfo("token")!.subcommands!.find((s) => s.name === sub)!.summary}\n\nNot implemented yet.\n`);
    return 0;
  }
  io.stderr(`kubun token ${sub}: not implemented yet (tokens will be stored through the API)\n`);
  return 1;
}
