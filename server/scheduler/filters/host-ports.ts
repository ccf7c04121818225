// NodePorts: a hostPort (protocol, port) is taken on a node when a pod there uses it on the same
// host IP, or either side listens on 0.0.0.0.
import { podHostPorts } from "../node-info.ts";
import { fail, OK, type Filter } from "../types.ts";

export const HOST_PORTS_REASON = "node(s) didn't have free ports for the requested pod ports";

const ANY = "0.0.0.0";

export const hostPorts: Filter = (pod, node, ctx) => {
  const wanted = ctx.pod === pod ? ctx.info.hostPorts : podHostPorts(pod);
  for (const hp of wanted) {
    const ips = node.usedPorts.get(`${hp.protocol}/${hp.port}`);
    if (!ips) continue;
    if (hp.ip === ANY || ips.has(ANY) || ips.has(hp.ip)) return fail(HOST_PORTS_REASON);
  }
  return OK;
};
