// `kubun token create|list|delete`: bootstrap join tokens, kept as kube-system Secrets of
// type bootstrap.kubernetes.io/token through the API of a running server (admin kubeconfig,
// or the credentials under --data-dir), printed in the K10 format agents join with.

import { resolve } from "node:path";
import { Client, isNotFound, type FetchLike } from "../shared/client/index.ts";
import { readTextIfExists } from "../shared/pki/files.ts";
import { caHashOf } from "../shared/pki/join-token.ts";
import { currentCredentials, readKubeconfig } from "../shared/pki/kubeconfig.ts";
import { pkiPaths } from "../shared/pki/paths.ts";
import { signNodeAssertion } from "../shared/pki/assertion.ts";
import { privateKeyFromPem } from "../shared/pki/keys.ts";
import type { Secret } from "kubernetes-types/core/v1";
import type { KubeObject } from "../shared/api/object.ts";
import {
  BOOTSTRAP_TOKEN_NAMESPACE,
  BOOTSTRAP_TOKEN_TYPE,
  bootstrapTokenFromSecret,
  bootstrapTokenSecret,
  generateBootstrapToken,
  isBootstrapTokenId,
  secretNameOf,
} from "../server/join/bootstrap-token.ts";
import { commandHelp } from "./help.ts";
import { UsageError } from "./errors.ts";
import { commandInfo } from "./commands.ts";
import { closest } from "./suggest.ts";

export interface TokenIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd?: string;
}

const SECRETS = { group: "", version: "v1", plural: "secrets", namespaced: true };
const DEFAULT_KUBECONFIG = "/etc/kubun/kubun.yaml";
const VALUE_FLAGS = ["ttl", "description", "kubeconfig", "data-dir", "server"] as const;
type Flag = (typeof VALUE_FLAGS)[number];

const SUB_HELP: Record<string, string> = {
  create: "kubun token create [--ttl 24h] [--description TEXT]\n\n   --ttl DURATION        How long the token joins nodes, e.g. 30m, 24h, 1h30m; 0 never expires (default: 24h)\n   --description TEXT    Why the token exists, shown by 'kubun token list'",
  list: "kubun token list\n\n   Lists bootstrap tokens: ID, TTL, EXPIRES, DESCRIPTION.",
  delete: "kubun token delete ID...\n\n   Deletes tokens by ID (the 6 characters before the dot); nodes that joined with them keep working.",
};
const CONNECTION_HELP =
  "   --kubeconfig FILE     Admin kubeconfig of the server (default: /etc/kubun/kubun.yaml)\n   --data-dir DIR        Use the admin credentials of the server with this data dir instead\n   --server URL          With --data-dir: the server's URL (default: https://127.0.0.1:6443)";

/** Go-style durations: 90s, 30m, 24h, 1h30m, 500ms; "0" is none. */
export function parseDuration(text: string): number {
  if (text === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * unit[m[2]!]!;
    end = re.lastIndex;
  }
  if (end !== text.length || end === 0) throw new UsageError(`invalid duration "${text}"`, "use a number with a unit such as 90s, 30m, 24h or 1h30m (0: never expires)");
  return total;
}

/** A duration the way kubeadm shows a TTL: 23h, 59m, 30s. */
export function humanTtl(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 3600) return `${Math.floor(s / 3600)}h`;
  if (s >= 60) return `${Math.floor(s / 60)}m`;
  return `${s}s`;
}

function parseArgs(args: readonly string[]): { flags: Partial<Record<Flag, string>>; rest: string[] } {
  const flags: Partial<Record<Flag, string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = (eq < 0 ? a.slice(2) : a.slice(2, eq)) as Flag;
    if (!VALUE_FLAGS.includes(name)) {
      const guess = closest(name, [...VALUE_FLAGS]);
      throw new UsageError(`unknown flag "--${name}"${guess ? ` (did you mean "--${guess}"?)` : ""}`, "run 'kubun token --help'");
    }
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (value === undefined) throw new UsageError(`flag --${name} needs a value`);
    flags[name] = value;
  }
  return { flags, rest };
}

/** A client with admin rights on the local server, and the hash of the CA agents will pin. */
async function connect(flags: Partial<Record<Flag, string>>, cwd: string): Promise<{ client: Client; caHash: string }> {
  let server: string;
  let caPem: string;
  let bearer: () => Promise<string>;
  if (flags["data-dir"] !== undefined && flags.kubeconfig === undefined) {
    const paths = pkiPaths(resolve(cwd, flags["data-dir"]));
    const token = (await readTextIfExists(paths.adminToken))?.trim();
    const ca = await readTextIfExists(paths.serverCa.cert);
    if (!token || !ca) throw new Error(`no server credentials under ${paths.tlsDir} and ${paths.adminToken}: is --data-dir the server's data dir (and readable)?`);
    server = flags.server ?? "https://127.0.0.1:6443";
    caPem = ca;
    bearer = async () => token;
  } else {
    const file = resolve(cwd, flags.kubeconfig ?? DEFAULT_KUBECONFIG);
    const creds = currentCredentials(await readKubeconfig(file).catch((e) => Promise.reject(new Error(`cannot read kubeconfig ${file}: ${e.message}`))));
    server = flags.server ?? creds.server;
    caPem = creds.caPem;
    if (creds.token) bearer = async () => creds.token!;
    else if (creds.certPem && creds.keyPem) {
      const key = await privateKeyFromPem(creds.keyPem);
      bearer = async () => (await signNodeAssertion({ certPem: creds.certPem!, key, lifetimeSeconds: 300 })).token;
    } else throw new Error(`kubeconfig ${file} has neither a token nor a client certificate`);
  }
  const tlsFetch: FetchLike = async (req) => {
    const headers = new Headers(req.headers);
    headers.set("authorization", `Bearer ${await bearer()}`);
    return fetch(new Request(req, { headers }), { tls: { ca: caPem } } as RequestInit);
  };
  const client = new Client({ baseUrl: server, fetch: tlsFetch, userAgent: "kubun-token" });
  // The hash agents compare is of the CA exactly as /cacerts serves it.
  const res = await tlsFetch(new Request(`${server.replace(/\/+$/, "")}/cacerts`));
  if (!res.ok) throw new Error(`GET ${server}/cacerts failed (${res.status})`);
  return { client, caHash: caHashOf(await res.text()) };
}

export async function runToken(args: readonly string[], io: TokenIo): Promise<number> {
  const sub = args[0];
  const names = commandInfo("token")!.subcommands!.map((s) => s.name);
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    io.stdout(commandHelp("token")!);
    return 0;
  }
  if (!names.includes(sub)) {
    const guess = closest(sub, names);
    throw new UsageError(`unknown subcommand "${sub}"${guess ? ` (did you mean "${guess}"?)` : ""}`, "run 'kubun token --help' to list them");
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`kubun token ${sub} - ${commandInfo("token")!.subcommands!.find((s) => s.name === sub)!.summary}\n\nUSAGE:\n   ${SUB_HELP[sub]}\n\nCONNECTION:\n${CONNECTION_HELP}\n`);
    return 0;
  }
  const { flags, rest } = parseArgs(args.slice(1));
  const cwd = io.cwd ?? ".";
  if (sub === "create") {
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`, "'kubun token create' takes only flags");
    const ttlMs = parseDuration(flags.ttl ?? "24h");
    const { client, caHash } = await connect(flags, cwd);
    const token = generateBootstrapToken({ ttlMs, description: flags.description });
    await client.create(SECRETS, bootstrapTokenSecret(token) as KubeObject);
    io.stdout(`K10${caHash}::${token.id}.${token.secret}\n`);
    return 0;
  }
  if (sub === "list") {
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`, "'kubun token list' takes only flags");
    const { client } = await connect(flags, cwd);
    const list = await client.listAll<Secret>(SECRETS, { namespace: BOOTSTRAP_TOKEN_NAMESPACE, fieldSelector: `type=${BOOTSTRAP_TOKEN_TYPE}` });
    const now = Date.now();
    const rows = [["ID", "TTL", "EXPIRES", "DESCRIPTION"]];
    for (const s of list.items) {
      const t = bootstrapTokenFromSecret(s);
      if (!t) continue;
      const left = t.expiration ? t.expiration.getTime() - now : undefined;
      const ttl = left === undefined ? "<forever>" : left <= 0 ? "<invalid>" : humanTtl(left);
      const expires = t.expiration ? t.expiration.toISOString().replace(/\.\d{3}Z$/, "Z") : "<never>";
      rows.push([t.id, ttl, expires, t.description ?? "<none>"]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    io.stdout(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join("")).join("\n") + "\n");
    return 0;
  }
  if (rest.length === 0) throw new UsageError("missing token ID", "usage: kubun token delete ID...");
  // Accept the ID, `<id>.<secret>` or the full K10 token.
  const ids = rest.map((r) => r.slice(r.lastIndexOf(":") + 1).split(".")[0]!);
  for (const id of ids) if (!isBootstrapTokenId(id)) throw new UsageError(`"${id}" is not a token ID`, "a token ID is 6 characters of [a-z0-9], the part before the dot");
  const { client } = await connect(flags, cwd);
  let failed = 0;
  for (const id of ids) {
    try {
      await client.delete(SECRETS, secretNameOf(id), { namespace: BOOTSTRAP_TOKEN_NAMESPACE });
      io.stdout(`bootstrap token "${id}" deleted\n`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      io.stderr(`kubun token delete: bootstrap token "${id}" not found\n`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}
