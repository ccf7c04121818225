// Everything a handler needs, built once at start-up and passed down explicitly.
import type { Registry } from "./registry/registry.ts";
import type { ObjectStore } from "./storage/objects.ts";
import type { TunnelHub } from "../tunnel/hub.ts";
import type { ServiceAccountTokens } from "./serviceaccount/tokens.ts";

export interface User {
  name: string;
  groups: string[];
}

export interface ApiContext {
  registry: Registry;
  store: ObjectStore;
  now(): Date;
  /** Address clients use to reach this server (for legacy /api serverAddressByClientCIDRs). */
  advertise: string;
  log(msg: string, fields?: Record<string, unknown>): void;
  /** Agents' tunnels, for pods/log, exec, attach and portforward; absent in in-process test apps. */
  streams?: TunnelHub;
  /** Signs serviceaccounts/token; with it, pod creates pass the ServiceAccount admission plugin (absent in most in-process test apps). */
  serviceAccounts?: ServiceAccountTokens;
}

export interface RequestInfo {
  ctx: ApiContext;
  req: Request;
  url: URL;
  user: User;
  /** Response headers to add (e.g. Warning). */
  headers: Headers;
}
