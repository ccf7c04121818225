// Placeholder until the lead engineer's `kubun server` lands: it keeps cli/main.ts compiling.

import type { ServerConfig } from "../shared/config/types.ts";

export async function runServer(config: ServerConfig): Promise<void> {
  void config;
  throw new Error("not implemented");
}
