// Helpers for Deployment tests against the in-process API: Deployment manifests, a "kubelet"
// that marks new pods Running/Ready through pods/status (and can be held back), and reads of
// the ReplicaSets and pods a Deployment owns.
import type { KubeObject } from "../../../shared/api/object.ts";
import type { Client } from "../../../shared/client/index.ts";
import { Informer } from "../../../shared/controller/index.ts";
import { isPodReady } from "../replicaset/pods.ts";
import { makeReady } from "../replicaset/testing.ts";
import { DEPLOYMENTS, PODS, REPLICASETS, type DeploymentObject, type PodObject, type ReplicaSetObject } from "../replicaset/types.ts";
import { ANNOTATION } from "./history.ts";

export function deploymentManifest(name: string, opts: { replicas?: number; image?: string; strategy?: Record<string, unknown>; spec?: Record<string, unknown>; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", labels: { app: name }, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      replicas: opts.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      ...(opts.strategy ? { strategy: opts.strategy } : {}),
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "nginx", image: opts.image ?? "nginx:1.14.2" }] } },
      ...opts.spec,
    },
  };
}

/** Marks every new pod Ready as soon as it appears, while `enabled`. */
export function fakeKubelet(client: Client) {
  const informer = new Informer<PodObject>(client, PODS, { namespace: "default" });
  const state = { enabled: true };
  const pending = new Set<Promise<void>>();
  const handle = (p: PodObject) => {
    if (!state.enabled || isPodReady(p) || p.metadata.deletionTimestamp) return;
    const job = makeReady(client, p).catch(() => {});
    pending.add(job);
    job.finally(() => pending.delete(job));
  };
  informer.on({ add: handle, update: (_o, p) => handle(p) });
  informer.start();
  return {
    hold() {
      state.enabled = false;
    },
    release() {
      state.enabled = true;
      for (const p of informer.list()) handle(p);
    },
    async stop() {
      await Promise.allSettled([...pending]);
      await informer.stop();
    },
  };
}

export async function replicaSetsOf(client: Client, name: string): Promise<ReplicaSetObject[]> {
  const { items } = await client.list<ReplicaSetObject>(REPLICASETS, { namespace: "default", labelSelector: `app=${name}` });
  return items.sort((a, b) => Number(a.metadata.annotations?.[ANNOTATION.revision] ?? 0) - Number(b.metadata.annotations?.[ANNOTATION.revision] ?? 0));
}

export async function activePodsOf(client: Client, name: string): Promise<PodObject[]> {
  const { items } = await client.list<PodObject>(PODS, { namespace: "default", labelSelector: `app=${name}` });
  return items.filter((p) => !p.metadata.deletionTimestamp);
}

export const getDeployment = (client: Client, name: string) => client.get<DeploymentObject>(DEPLOYMENTS, name, { namespace: "default" });

/** kubectl rollout status's done-check (KUBECTL_COMPAT §5). */
export function rolledOut(d: DeploymentObject): boolean {
  const s = d.status ?? {};
  const want = d.spec?.replicas ?? 1;
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return false;
  if (s.conditions?.some((c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded")) throw new Error(`deployment "${d.metadata.name}" exceeded its progress deadline`);
  return (s.updatedReplicas ?? 0) >= want && (s.replicas ?? 0) <= (s.updatedReplicas ?? 0) && (s.availableReplicas ?? 0) >= (s.updatedReplicas ?? 0);
}

/** What kubectl rollout undo sends: the RS template minus pod-template-hash, and annotations. */
export function undoPatch(d: DeploymentObject, rs: ReplicaSetObject) {
  const template = structuredClone(rs.spec!.template!);
  const labels = { ...template.metadata?.labels };
  delete labels["pod-template-hash"];
  template.metadata = { ...template.metadata, labels };
  const skipped = new Set(Object.values(ANNOTATION));
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skipped.has(k as never)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skipped.has(k as never)) annotations[k] = v;
  return [
    { op: "replace", path: "/spec/template", value: template },
    { op: "replace", path: "/metadata/annotations", value: annotations },
  ];
}
