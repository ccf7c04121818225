// How a pod gets its network: the runtime creates the pod's network namespace and hands it to a
// PodNetwork (agent/network's bridge + veth + IPAM in a real agent). LoopbackNetwork only brings
// `lo` up: pods reach each other through 127.0.0.1 inside the pod and nothing else (tests).
// agent/network's createBridgeNetwork() result satisfies PodNetwork as it is (network.test.ts).
export interface PodNetwork {
  /** Wire the namespace at `netnsPath` for the pod; returns its IP (if it has one off loopback). */
  setup(podUid: string, netnsPath: string, opts: { podName: string; namespace: string }): Promise<{ ip?: string }>;
  /** Free what setup took (IP, veth). Idempotent; called for pods it may never have seen. */
  teardown(podUid: string): Promise<void>;
}

export class LoopbackNetwork implements PodNetwork {
  async setup(_podUid: string, netnsPath: string): Promise<{ ip?: string }> {
    const p = Bun.spawn(["nsenter", `--net=${netnsPath}`, "ip", "link", "set", "lo", "up"], { stdout: "ignore", stderr: "pipe" });
    const [err, code] = await Promise.all([new Response(p.stderr).text(), p.exited]);
    if (code !== 0) throw new Error(`loopback network: ip link set lo up in ${netnsPath}: ${err.trim()}`);
    return {};
  }

  async teardown(_podUid: string): Promise<void> {}
}
