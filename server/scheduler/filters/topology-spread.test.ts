import { describe, expect, test } from "bun:test";
import type { Pod, TopologySpreadConstraint } from "kubernetes-types/core/v1";
import { cycleWith, makeNode, makePod } from "../testing.ts";
import { SPREAD_LABEL_REASON, SPREAD_REASON, topologySpread } from "./topology-spread.ts";

const nodes = [
  makeNode("n1", { labels: { zone: "a" } }),
  makeNode("n2", { labels: { zone: "a" } }),
  makeNode("n3", { labels: { zone: "b" } }),
  makeNode("n4"), // no zone label
];
const spread = (c: Partial<TopologySpreadConstraint>): Pod =>
  makePod("p", { labels: { app: "web" }, spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web" } }, ...c }] } });
const web = (name: string, node: string, extra: Partial<Parameters<typeof makePod>[1]> = {}) => makePod(name, { labels: { app: "web" }, nodeName: node, ...extra });

function verdicts(pod: Pod, existing: Pod[]) {
  const { ctx, infos } = cycleWith(pod, nodes, existing);
  return Object.fromEntries(infos.map((ni) => {
    const r = topologySpread(pod, ni, ctx);
    return [ni.name, r.ok ? "ok" : r.reason];
  }));
}

describe("topologySpread", () => {
  test("a pod without constraints goes anywhere", () => {
    expect(verdicts(makePod("p"), [web("a", "n1")])).toEqual({ n1: "ok", n2: "ok", n3: "ok", n4: "ok" });
  });

  test("a zone already one ahead refuses the pod; the emptier zone takes it", () => {
    expect(verdicts(spread({}), [web("a", "n1")])).toEqual({ n1: SPREAD_REASON, n2: SPREAD_REASON, n3: "ok", n4: SPREAD_LABEL_REASON });
  });

  test("balanced zones take the pod anywhere within maxSkew", () => {
    expect(verdicts(spread({}), [web("a", "n1"), web("b", "n3")])).toEqual({ n1: "ok", n2: "ok", n3: "ok", n4: SPREAD_LABEL_REASON });
  });

  test("a larger maxSkew tolerates imbalance", () => {
    expect(verdicts(spread({ maxSkew: 2 }), [web("a", "n1")]).n1).toBe("ok");
  });

  test("pods of other apps, other namespaces or being deleted do not count", () => {
    const existing = [makePod("x", { labels: { app: "db" }, nodeName: "n1" }), web("y", "n1", { namespace: "other" }), web("z", "n1", { deleting: true })];
    expect(verdicts(spread({}), existing).n1).toBe("ok");
  });

  test("a pod that does not match its own selector does not count itself", () => {
    const p = spread({ labelSelector: { matchLabels: { app: "db" } } });
    const db = (name: string) => makePod(name, { labels: { app: "db" }, nodeName: "n1" });
    expect(verdicts(p, [db("a")]).n1).toBe("ok");
    expect(verdicts(p, [db("a"), db("b")]).n1).toBe(SPREAD_REASON);
  });

  test("minDomains above the number of domains makes the minimum zero", () => {
    expect(verdicts(spread({ minDomains: 3 }), [web("a", "n1"), web("b", "n3")])).toEqual({ n1: SPREAD_REASON, n2: SPREAD_REASON, n3: SPREAD_REASON, n4: SPREAD_LABEL_REASON });
  });

  test("ScheduleAnyway constraints do not filter", () => {
    expect(verdicts(spread({ whenUnsatisfiable: "ScheduleAnyway" }), [web("a", "n1"), web("b", "n1")]).n1).toBe("ok");
  });

  test("nodes outside the pod's nodeSelector are not domains", () => {
    const p = spread({});
    p.spec!.nodeSelector = { "kubernetes.io/hostname": "n1" };
    // Only zone a is a domain, so its one pod is the minimum and zone a may take another.
    expect(verdicts(p, [web("a", "n1"), web("b", "n3"), web("c", "n3")]).n1).toBe("ok");
  });

  test("matchLabelKeys narrows the selector to pods with the pod's values", () => {
    const p = spread({ matchLabelKeys: ["rev"] });
    p.metadata!.labels = { app: "web", rev: "2" };
    expect(verdicts(p, [web("old", "n1", { labels: { app: "web", rev: "1" } })]).n1).toBe("ok");
    expect(verdicts(p, [web("new", "n1", { labels: { app: "web", rev: "2" } })]).n1).toBe(SPREAD_REASON);
  });
});
