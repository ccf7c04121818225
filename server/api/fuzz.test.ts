// Thousands of mutated requests against the in-process API: never a 5xx, every failure is a JSON
// Status with the matching code, and a rejected request (or a read, or a dry run) stores nothing.
// The run is deterministic; KUBUN_FUZZ_SEED picks another seed. Every distinct problem is
// reported once with the request that showed it and the seed.
import { expect, test } from "bun:test";
import { collection, KINDS, prng, seedRequest, WIDGET_CRD, type Rand, type Seen } from "./fuzz-corpus.ts";
import { mutateSeed, render } from "./fuzz-mutate.ts";
import { schemaMismatches } from "./fuzz-schema.ts";
import { describe, send, type RawRequest, type RawResponse } from "./fuzz-send.ts";
import { parseResourcePath, type ResourceRoute } from "./request/route.ts";
import { testApi } from "./testing.ts";

const SEED = Number(process.env.KUBUN_FUZZ_SEED ?? 20261122);
/** KUBUN_FUZZ_REQUESTS makes a longer run for exploring. */
const REQUESTS = Number(process.env.KUBUN_FUZZ_REQUESTS ?? 3600);
/** A fresh API every so often keeps the state small and the namespaces alive. */
const PER_API = 300;

type Api = Awaited<ReturnType<typeof testApi>>;

interface Finding {
  count: number;
  first: number;
  example: string;
}

/** Counts the store watches the API opens and has not cancelled. */
function countWatches(api: Api): { live: number; opened: number } {
  const count = { live: 0, opened: 0 };
  const watch = api.backend.watch.bind(api.backend);
  api.backend.watch = (prefix, opts) => {
    const w = watch(prefix, opts);
    count.live++;
    count.opened++;
    let done = false;
    return { cancel: () => void (done || (count.live--, (done = true)), w.cancel()) };
  };
  return count;
}

async function populate(api: Api, rand: Rand) {
  const crd = await send(api.app, { method: "POST", path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", headers: { "content-type": "application/json" }, body: JSON.stringify(WIDGET_CRD) });
  if (crd.status !== 201) throw new Error(`creating the Widget CRD: ${crd.status} ${crd.text}`);
  // The CRD is marked Established asynchronously; wait for that write so it is not blamed on a request.
  for (let i = 0; i < 400; i++) {
    const got = await send(api.app, { method: "GET", path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${WIDGET_CRD.metadata.name}` });
    if (got.json?.status?.conditions?.some((c: { type: string; status: string }) => c.type === "Established" && c.status === "True")) break;
    await Bun.sleep(5);
  }
  for (const kind of Object.values(KINDS)) {
    for (const name of kind.names.slice(0, 2)) {
      const r = await send(api.app, { method: "POST", path: collection(kind), headers: { "content-type": "application/json" }, body: JSON.stringify(kind.make(name, rand)) });
      if (r.status !== 201) throw new Error(`populating ${collection(kind)}/${name}: ${r.status} ${r.text}`);
    }
  }
}

const isRead = (m: string) => m === "GET" || m === "HEAD";

/** Streaming subresources a later version serves: with a method they take, 501 is the honest answer
 * (STYLE rule 9); with any other method it must be 405. */
const LATER: Record<string, string[]> = { log: ["GET"], exec: ["GET", "POST"], attach: ["GET", "POST"], portforward: ["GET", "POST"] };

function notYetServed(req: RawRequest, res: RawResponse): boolean {
  if (res.status !== 501 || res.json?.reason !== "NotImplemented") return false;
  const sub = new URL(req.path, "https://x").pathname.split("/").filter(Boolean).at(-1) ?? "";
  return LATER[sub]?.includes(req.method) ?? false;
}

/** An object (or list) of the URL's kind in a 2xx answer must match the kind's schema: it is what is stored. */
function typeProblems(api: Api, req: RawRequest, res: RawResponse): string[] {
  if (res.status >= 300 || res.streamed || !res.json) return [];
  let route: ResourceRoute | undefined;
  try {
    route = parseResourcePath(new URL(req.path, "https://x").pathname);
  } catch {
    return [];
  }
  if (!route || (route.subresource && route.subresource !== "status")) return [];
  const rt = api.ctx.registry.lookup(route.group, route.version, route.plural);
  if (!rt) return [];
  const objects = res.json.kind === rt.kind ? [res.json] : res.json.kind === (rt.listKind ?? `${rt.kind}List`) ? (res.json.items ?? []) : [];
  return objects.flatMap((o: unknown) => schemaMismatches(rt, o).map((p) => `stored ${rt.kind} does not match its schema: ${p.replace(/\[\d+\]/g, "[N]")}`));
}

/** What is wrong with one exchange, as short signatures (empty when all is well). */
function problems(req: RawRequest, res: RawResponse, before: number, after: number): string[] {
  const out: string[] = [];
  const msg = String(res.json?.message ?? res.text).replace(/"[^"]*"/g, '"…"').replace(/\d+/g, "N").slice(0, 160);
  if (res.status >= 500 && !notYetServed(req, res)) out.push(`${res.status} ${res.json?.reason ?? ""}: ${msg}`);
  if (res.status >= 300 && req.method !== "HEAD") {
    const s = res.json;
    const ok = s?.kind === "Status" && s.apiVersion === "v1" && s.status === "Failure" && s.code === res.status && typeof s.reason === "string" && s.reason !== "";
    if (!ok || !res.headers.get("content-type")?.startsWith("application/json")) out.push(`${res.status} without a matching JSON Status: ${res.text.slice(0, 100)}`);
  }
  if (after !== before) {
    if (res.status >= 300) out.push(`rejected ${req.method} (${res.status}) changed the store: ${msg}`);
    else if (isRead(req.method)) out.push(`${req.method} changed the store`);
    else if (new URL(req.path, "https://x").searchParams.getAll("dryRun").includes("All")) out.push(`dry-run ${req.method} changed the store`);
  }
  return out;
}

/** Everything stored must stay readable, as JSON and as a Table. */
async function sweep(api: Api): Promise<[RawRequest, RawResponse][]> {
  const bad: [RawRequest, RawResponse][] = [];
  const accept = ["application/json", "application/json;as=Table;v=v1;g=meta.k8s.io"];
  for (const kind of Object.values(KINDS)) {
    for (const a of accept) {
      const req = { method: "GET", path: collection(kind), headers: { accept: a } };
      const res = await send(api.app, req);
      if (res.status !== 200) bad.push([req, res]);
      for (const item of res.json?.items ?? res.json?.rows?.map((r: { object: unknown }) => r.object) ?? []) {
        const name = item?.metadata?.name;
        if (typeof name !== "string") continue;
        const one = { method: "GET", path: `${collection(kind)}/${encodeURIComponent(name)}`, headers: { accept: a } };
        const r = await send(api.app, one);
        if (r.status !== 200) bad.push([one, r]);
      }
    }
  }
  return bad;
}

test(`${REQUESTS} mutated requests never get a 5xx, fail with a Status, and store nothing when rejected`, async () => {
  const rand = prng(SEED);
  const seen: Seen = { continues: [] };
  const findings = new Map<string, Finding>();
  const statuses: Record<number, number> = {};
  const note = (sig: string, i: number, req: RawRequest, res?: RawResponse) => {
    const f = findings.get(sig);
    if (f) return void f.count++;
    const answer = res ? `\n  → ${res.status} ${res.text.slice(0, 400)}` : "";
    findings.set(sig, { count: 1, first: i, example: `${describe(req)}${answer}` });
  };
  let api: Api | undefined;
  let watches = { live: 0, opened: 0 };
  let watched = 0;
  const retire = async (i: number) => {
    if (!api) return;
    for (const [req, res] of await sweep(api)) note(`stored object unreadable: ${res.status} ${String(res.json?.message ?? res.text).slice(0, 80)}`, i, req, res);
    await Bun.sleep(0);
    if (watches.live) note(`${watches.live} store watch(es) left open after their clients went away`, i, { method: "GET", path: "(any watch before this request)" });
    watched += watches.opened;
    api.close();
  };
  const started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    if (i % PER_API === 0) {
      await retire(i);
      api = await testApi();
      await populate(api, rand);
      watches = countWatches(api);
    }
    const seed = seedRequest(rand, seen);
    const mutated = rand() < 0.15 ? seed : mutateSeed(seed, rand);
    const req = render(mutated, rand, mutated !== seed);
    const before = api!.backend.currentRevision();
    let res: RawResponse;
    try {
      res = await send(api!.app, req);
    } catch (e) {
      note(`request threw ${e instanceof Error ? e.constructor.name : typeof e}: ${String(e).slice(0, 120)}`, i, req);
      continue;
    }
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const token = res.json?.metadata?.continue;
    if (typeof token === "string" && seen.continues.length < 50) seen.continues.push(token);
    for (const sig of problems(req, res, before, api!.backend.currentRevision())) note(sig, i, req, res);
    for (const sig of typeProblems(api!, req, res)) note(sig, i, req, res);
  }
  await retire(REQUESTS);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`api fuzz: seed ${SEED}, ${REQUESTS} requests in ${seconds}s, ${watched} watches, statuses ${JSON.stringify(statuses)}`);
  if (findings.size) {
    const report = [...findings].map(([sig, f]) => `● ${sig}  (×${f.count}, first at request ${f.first})\n  ${f.example}`).join("\n\n");
    console.error(`api fuzz found ${findings.size} problem(s) with seed ${SEED} (KUBUN_FUZZ_SEED=${SEED} to reproduce):\n\n${report}`);
  }
  expect([...findings.keys()]).toEqual([]);
  // The corpus must keep reaching the interesting answers, or the test proves little.
  for (const code of [200, 201, 400, 404, 409, 415, 422]) expect(statuses[code] ?? 0).toBeGreaterThan(10);
}, Math.max(120_000, REQUESTS * 30));
