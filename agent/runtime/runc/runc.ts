// The runc command line, with the agent's own state dir (--root) so two agents on one machine
// never see each other's containers.
import { existsSync } from "node:fs";
import { join } from "node:path";

export interface RuncState {
  id: string;
  pid: number;
  status: "creating" | "created" | "running" | "paused" | "stopped";
  bundle: string;
}

export class Runc {
  constructor(readonly root: string, readonly bin = "runc") {}

  argv(...args: string[]): string[] {
    return [this.bin, "--root", this.root, ...args];
  }

  /** Runs a runc subcommand to completion; a failure throws with runc's own words. */
  async call(...args: string[]): Promise<string> {
    const p = Bun.spawn(this.argv(...args), { stdout: "pipe", stderr: "pipe", stdin: "ignore" });
    const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
    if (code !== 0) throw new Error(`runc ${args[0]} ${args.at(-1)}: ${err.trim() || out.trim() || `exit ${code}`}`);
    return out;
  }

  async list(): Promise<RuncState[]> {
    const out = await this.call("list", "--format", "json");
    return (JSON.parse(out || "null") as RuncState[] | null) ?? [];
  }

  async state(id: string): Promise<RuncState | undefined> {
    try {
      return JSON.parse(await this.call("state", id)) as RuncState;
    } catch {
      return undefined;
    }
  }

  /** Sends `signal` to the container's init; a container already gone is fine. */
  async kill(id: string, signal: "TERM" | "KILL"): Promise<void> {
    await this.call("kill", id, signal).catch(() => {});
  }

  /**
   * Removes the container (killing it if needed); an unknown id is fine. runc keeps each
   * container's state in <root>/<id>: without that dir there is nothing to delete, and the
   * spawn of runc (several ms of every container start) is skipped.
   */
  async delete(id: string): Promise<void> {
    if (!existsSync(join(this.root, id))) return;
    await this.call("delete", "--force", id).catch((e: Error) => {
      if (!/does not exist|not exist/.test(e.message)) throw e;
    });
  }

  async version(): Promise<string> {
    const out = await this.call("--version").catch(() => "");
    return /runc version (\S+)/.exec(out)?.[1] ?? "unknown";
  }
}
