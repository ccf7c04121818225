// Running the network's helper commands (ip, iptables, sysctl, nsenter): every failure names the
// command line, its exit code and what it printed, so an agent's log says which step broke.

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class NetworkCommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly result: CommandResult,
    input?: string,
  ) {
    const said = (result.stderr || result.stdout).trim() || "no output";
    super(`\`${argv.join(" ")}\` failed (exit ${result.code}): ${said}${input ? ` — its input was:\n${input.trimEnd()}` : ""}`);
    this.name = "NetworkCommandError";
  }
}

/** Runs argv to the end; never throws for a non-zero exit (see run). */
export async function exec(argv: readonly string[], input?: string): Promise<CommandResult> {
  let proc;
  try {
    proc = Bun.spawn([...argv], { stdin: input === undefined ? "ignore" : new Blob([input]), stdout: "pipe", stderr: "pipe" });
  } catch (e) {
    throw new Error(`\`${argv.join(" ")}\` could not start: ${(e as Error).message} (is ${argv[0]} installed? The pod network needs iproute2, iptables and util-linux)`);
  }
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/** Runs argv and returns its stdout; a non-zero exit throws a NetworkCommandError. */
export async function run(argv: readonly string[], input?: string): Promise<string> {
  const result = await exec(argv, input);
  if (result.code !== 0) throw new NetworkCommandError(argv, result, input);
  return result.stdout;
}

/** Runs argv; a failure whose output matches `ok` (say "File exists") counts as success. */
export async function runTolerating(argv: readonly string[], ok: RegExp, input?: string): Promise<boolean> {
  const result = await exec(argv, input);
  if (result.code === 0) return true;
  if (ok.test(result.stderr + result.stdout)) return false;
  throw new NetworkCommandError(argv, result, input);
}

/** argv run inside the network namespace at `path` (a bind-mounted ns file or /proc/<pid>/ns/net). */
export function inNetns(path: string | undefined, argv: readonly string[]): string[] {
  return path ? ["nsenter", `--net=${path}`, ...argv] : [...argv];
}
