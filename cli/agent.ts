// `kubun agent`: placeholder until the agent lands. Its flags are already parsed and
// checked (cli/flags.ts), so a mistaken invocation still gets a precise error.

import type { AgentConfig } from "../shared/config/types.ts";

export async function runAgent(config: AgentConfig): Promise<void> {
  void config;
  throw new Error("not implemented yet");
}
