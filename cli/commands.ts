// What kubun's subcommands are called and what they do, for the dispatcher and --help.

export interface CommandInfo {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly subcommands?: readonly { readonly name: string; readonly summary: string }[];
}

export const COMMANDS: readonly CommandInfo[] = [
  {
    name: "server",
    summary: "Run the control plane and a local agent that runs pods with runc (--disable-agent: the control plane only)",
    usage: "kubun server [flags]",
  },
  {
    name: "agent",
    summary: "Run a worker node that joins a server and runs pods with runc",
    usage: "kubun agent --server https://HOST:6443 --token TOKEN [flags]",
  },
  {
    name: "sim",
    summary: "Run simulated nodes that join a server (for tests and benchmarks)",
    usage: "kubun sim --server https://HOST:6443 --token TOKEN --nodes N [flags]",
  },
  {
    name: "token",
    summary: "Manage join tokens",
    usage: "kubun token <subcommand> [flags]",
    subcommands: [
      { name: "create", summary: "Create a join token" },
      { name: "list", summary: "List join tokens" },
      { name: "delete", summary: "Delete a join token" },
    ],
  },
  { name: "version", summary: "Print kubun's version and the Kubernetes version it serves", usage: "kubun version" },
  { name: "help", summary: "Show help for kubun or one of its commands", usage: "kubun help [command]" },
];

export function commandInfo(name: string): CommandInfo | undefined {
  return COMMANDS.find((c) => c.name === name);
}
