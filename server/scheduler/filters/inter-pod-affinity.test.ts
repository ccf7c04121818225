import { describe, expect, test } from "bun:test";
import type { Pod, PodAffinityTerm } from "kubernetes-types/core/v1";
import { cycleWith, makeNode, makePod } from "../testing.ts";
import { AFFINITY_REASON, ANTI_AFFINITY_REASON, EXISTING_ANTI_AFFINITY_REASON, interPodAffinity } from "./inter-pod-affinity.ts";

// Two zones: n1, n2 in zone a; n3 in zone b.
const nodes = [makeNode("n1", { labels: { zone: "a" } }), makeNode("n2", { labels: { zone: "a" } }), makeNode("n3", { labels: { zone: "b" } })];
const term = (app: string, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ topologyKey, labelSelector: { matchLabels: { app } }, ...extra });
const anti = (name: string, labels: Record<string, string>, ...terms: PodAffinityTerm[]) =>
  makePod(name, { labels, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } } } });
const affine = (name: string, labels: Record<string, string>, ...terms: PodAffinityTerm[]) =>
  makePod(name, { labels, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } } } });
const on = (node: string, pod: Pod): Pod => ({ ...pod, spec: { ...pod.spec!, nodeName: node } });

/** Which nodes accept the pod, and the reasons of the others. */
function verdicts(pod: Pod, existing: Pod[]) {
  const { ctx, infos } = cycleWith(pod, nodes, existing);
  return Object.fromEntries(infos.map((ni) => {
    const r = interPodAffinity(pod, ni, ctx);
    return [ni.name, r.ok ? "ok" : r.reason];
  }));
}

describe("interPodAffinity", () => {
  test("a pod without terms goes anywhere", () => {
    expect(verdicts(makePod("p"), [on("n1", makePod("q", { labels: { app: "web" } }))])).toEqual({ n1: "ok", n2: "ok", n3: "ok" });
  });

  test("anti-affinity by hostname keeps the pod off nodes holding a matching pod", () => {
    const p = anti("p", { app: "web" }, term("web", "kubernetes.io/hostname"));
    expect(verdicts(p, [on("n1", makePod("q", { labels: { app: "web" } }))])).toEqual({ n1: ANTI_AFFINITY_REASON, n2: "ok", n3: "ok" });
  });

  test("anti-affinity by zone keeps the pod out of the whole zone", () => {
    const p = anti("p", { app: "web" }, term("web", "zone"));
    expect(verdicts(p, [on("n1", makePod("q", { labels: { app: "web" } }))])).toEqual({ n1: ANTI_AFFINITY_REASON, n2: ANTI_AFFINITY_REASON, n3: "ok" });
  });

  test("anti-affinity only looks at the pod's own namespace unless namespaces are named", () => {
    const other = on("n1", makePod("q", { namespace: "other", labels: { app: "web" } }));
    expect(verdicts(anti("p", {}, term("web", "kubernetes.io/hostname")), [other]).n1).toBe("ok");
    expect(verdicts(anti("p", {}, term("web", "kubernetes.io/hostname", { namespaces: ["other"] })), [other]).n1).toBe(ANTI_AFFINITY_REASON);
    expect(verdicts(anti("p", {}, term("web", "kubernetes.io/hostname", { namespaceSelector: {} })), [other]).n1).toBe(ANTI_AFFINITY_REASON);
  });

  test("an existing pod's anti-affinity keeps a matching pod out of its domain", () => {
    const existing = on("n3", anti("q", { app: "db" }, term("web", "zone")));
    expect(verdicts(makePod("p", { labels: { app: "web" } }), [existing])).toEqual({ n1: "ok", n2: "ok", n3: EXISTING_ANTI_AFFINITY_REASON });
    expect(verdicts(makePod("p", { labels: { app: "api" } }), [existing]).n3).toBe("ok");
  });

  test("affinity by zone needs a matching pod in the node's zone", () => {
    const p = affine("p", { app: "web" }, term("cache", "zone"));
    expect(verdicts(p, [on("n2", makePod("c", { labels: { app: "cache" } }))])).toEqual({ n1: "ok", n2: "ok", n3: AFFINITY_REASON });
  });

  test("affinity nobody satisfies refuses every node", () => {
    expect(verdicts(affine("p", { app: "web" }, term("cache", "zone")), [])).toEqual({ n1: AFFINITY_REASON, n2: AFFINITY_REASON, n3: AFFINITY_REASON });
  });

  test("the first pod of a group with affinity to itself may go anywhere", () => {
    expect(verdicts(affine("p", { app: "web" }, term("web", "zone")), [])).toEqual({ n1: "ok", n2: "ok", n3: "ok" });
  });

  test("affinity fails on nodes without the topology label", () => {
    const p = affine("p", { app: "web" }, term("web", "rack"));
    expect(verdicts(p, [])).toEqual({ n1: AFFINITY_REASON, n2: AFFINITY_REASON, n3: AFFINITY_REASON });
  });
});
