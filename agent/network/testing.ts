// Test fixtures for the real pod network: throwaway network namespaces (`ip netns add
// kubun-test-…`), so tests never touch the host's interfaces or iptables. Needs root and the
// tools the pod network uses; their absence fails the test with what is missing.
import { existsSync } from "node:fs";
import { exec, run } from "./command.ts";

const TOOLS = ["ip", "iptables", "iptables-restore", "nsenter", "sysctl", "busybox"];

/** Throws, saying what is missing, unless the process is root with the network tools. */
export function requireNetworkTools(): void {
  if (process.getuid?.() !== 0) throw new Error("the pod network tests create network namespaces and must run as root");
  const missing = TOOLS.filter((t) => !Bun.which(t));
  if (missing.length) throw new Error(`the pod network tests need ${missing.join(", ")} (Debian: apt-get install -y iproute2 iptables util-linux procps busybox-static)`);
}

const live = new Set<string>();

export class TestNetns {
  private constructor(readonly name: string) {}

  /** The bind-mounted namespace file, as a runtime hands it over. */
  get path(): string {
    return `/run/netns/${this.name}`;
  }

  static async create(role: string): Promise<TestNetns> {
    const name = `kubun-test-${role}-${Math.random().toString(36).slice(2, 8)}`;
    await run(["ip", "netns", "add", name]);
    live.add(name);
    await run(["ip", "-n", name, "link", "set", "lo", "up"]);
    return new TestNetns(name);
  }

  /** Runs argv inside the namespace and returns its stdout. */
  run(...argv: string[]): Promise<string> {
    return run(["nsenter", `--net=${this.path}`, ...argv]);
  }

  /** Whether `ping -c1` to ip succeeds within `attempts` one-second tries. */
  async ping(ip: string, attempts = 3): Promise<boolean> {
    for (let i = 0; i < attempts; i++) {
      if ((await exec(["nsenter", `--net=${this.path}`, "busybox", "ping", "-c1", "-W1", ip])).code === 0) return true;
    }
    return false;
  }

  async [Symbol.asyncDispose]() {
    await deleteNetns(this.name);
  }
}

async function deleteNetns(name: string) {
  if (!live.delete(name)) return;
  const pids = (await exec(["ip", "netns", "pids", name])).stdout.split("\n").filter(Boolean);
  for (const pid of pids) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {}
  }
  if (existsSync(`/run/netns/${name}`)) await run(["ip", "netns", "del", name]);
}

/** Deletes every namespace the fixtures made and that is still there (for afterAll). */
export async function deleteAllTestNetns(): Promise<void> {
  for (const name of [...live]) await deleteNetns(name).catch(() => {});
}
