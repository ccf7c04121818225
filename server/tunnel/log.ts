// GET pods/<p>/log: PodLogOptions from the query, checked as upstream checks them; the pod's
// container status must have a log; then the node streams it through its tunnel as
// text/plain, kept open while `follow` is set. A pod no node runs yet has an empty log, as
// upstream answers.

import type { Pod } from "kubernetes-types/core/v1";
import { cause, errors, type StatusCause } from "../../shared/api/errors.ts";
import { tunnelDuplex } from "../../shared/streams/tunnel/duplex.ts";
import { TunnelChannel, type LogRequestOptions } from "../../shared/streams/tunnel/types.ts";
import type { RequestInfo } from "../api/context.ts";
import { statusOf } from "./errors.ts";
import { noTunnel, type TunnelHub } from "./hub.ts";
import { checkLogStatus } from "./log-status.ts";
import { chooseContainer, loadPod, podRef } from "./target.ts";

export async function serveLog(info: RequestInfo, hub: TunnelHub, namespace: string, name: string): Promise<Response> {
  const q = info.url.searchParams;
  const options = logOptions(q, name, info.ctx.now());
  const pod: Pod = await loadPod(info, namespace, name);
  const container = chooseContainer(pod, q.get("container"), "log");
  const node = pod.spec?.nodeName;
  const headers = new Headers(info.headers);
  headers.set("content-type", "text/plain");
  if (!node) return new Response("", { status: 200, headers });
  if (!hub.connected(node)) throw noTunnel(node);
  checkLogStatus(pod, container, options.previous);
  const stream = hub.open(node, { kind: "log", pod: podRef(pod), container, options });
  try {
    await stream.ready();
  } catch (e) {
    throw statusOf(e);
  }
  const { readable } = tunnelDuplex(stream, { read: TunnelChannel.output, write: TunnelChannel.input });
  return new Response(readable, { status: 200, headers });
}

const BOOL: Record<string, boolean> = { "1": true, t: true, T: true, TRUE: true, true: true, True: true, "0": false, f: false, F: false, FALSE: false, false: false, False: false };

/** PodLogOptions from the query; sinceSeconds becomes an absolute sinceTime. */
export function logOptions(q: URLSearchParams, name: string, now: Date): LogRequestOptions {
  const bool = (k: string) => {
    const v = q.get(k);
    if (v === null || v === "") return false;
    if (!(v in BOOL)) throw errors.badRequest(`invalid value for ${k}: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
    return BOOL[v]!;
  };
  const int = (k: string) => {
    const v = q.get(k);
    if (v === null || v === "") return undefined;
    if (!/^-?\d+$/.test(v)) throw errors.badRequest(`invalid value for ${k}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
    return Number(v);
  };
  const tailLines = int("tailLines");
  const limitBytes = int("limitBytes");
  const sinceSeconds = int("sinceSeconds");
  const sinceText = q.get("sinceTime");
  let sinceTime: Date | undefined;
  if (sinceText) {
    sinceTime = new Date(sinceText);
    if (!/^\d{4}-\d\d-\d\dT/.test(sinceText) || isNaN(sinceTime.getTime())) throw errors.badRequest(`invalid value for sinceTime: parsing time ${JSON.stringify(sinceText)} as RFC 3339`);
  }
  const causes: StatusCause[] = [];
  if (tailLines !== undefined && tailLines < 0) causes.push(cause.invalid("tailLines", tailLines, "must be greater than or equal to 0"));
  if (limitBytes !== undefined && limitBytes < 1) causes.push(cause.invalid("limitBytes", limitBytes, "must be greater than 0"));
  if (sinceSeconds !== undefined && sinceTime) causes.push({ reason: "FieldValueForbidden", message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified", field: "" });
  else if (sinceSeconds !== undefined && sinceSeconds < 1) causes.push(cause.invalid("sinceSeconds", sinceSeconds, "must be greater than 0"));
  if (causes.length) throw errors.invalid("PodLogOptions", "", name, causes);
  if (sinceSeconds !== undefined) sinceTime = new Date(now.getTime() - sinceSeconds * 1000);
  return {
    follow: bool("follow"),
    previous: bool("previous"),
    timestamps: bool("timestamps"),
    tailLines,
    limitBytes,
    sinceTime: sinceTime?.toISOString(),
  };
}
