// The `kubernetes` Service in `default`, as the API server keeps it upstream: ClusterIP at the
// first address of the service range, port 443 (https) to the API's port, and Endpoints plus
// an EndpointSlice (no selector: nothing else writes them) pointing at the advertised address.
// Ensured once before the API serves, then again whenever one of the three changes.
import type { Endpoints, Service } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { isAlreadyExists, isNotFound, type ApiResource, type Client } from "../../../shared/client/index.ts";
import { Informer, runController, type QueueOptions } from "../../../shared/controller/index.ts";
import type { Logger } from "../../../shared/log.ts";
import { sameJson } from "./cache.ts";
import { ENDPOINT_SLICES, ENDPOINTS, SERVICE_NAME_LABEL, SERVICES, SKIP_MIRROR_LABEL } from "./resources.ts";

export interface KubernetesServiceOptions {
  client: Client;
  /** The first address of the service range. */
  clusterIp: string;
  /** host:port clients reach the API at; the host must be an IP address. */
  advertise: string;
  log: Logger;
  queue?: QueueOptions;
}

const NAME = "kubernetes";
const NAMESPACE = "default";
const FIELD_MANAGER = "kube-apiserver";

export function splitHostPort(hostPort: string): { host: string; port: number } {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(hostPort);
  if (!m) throw new Error(`"${hostPort}" is not HOST:PORT`);
  return { host: m[1]!, port: Number(m[2]) };
}

function desired(opts: KubernetesServiceOptions) {
  const { host, port } = splitHostPort(opts.advertise);
  const ipv6 = host.includes(":");
  const ports = [{ name: "https", port, protocol: "TCP" }];
  const service: KubeObject & Service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: NAME, namespace: NAMESPACE, labels: { component: "apiserver", provider: "kubernetes" } },
    spec: { type: "ClusterIP", clusterIP: opts.clusterIp, ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: port }], sessionAffinity: "None" },
  };
  const endpoints: KubeObject & Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: NAME, namespace: NAMESPACE, labels: { [SKIP_MIRROR_LABEL]: "true" } },
    subsets: [{ addresses: [{ ip: host }], ports }],
  };
  const slice: KubeObject & EndpointSlice = {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: NAME, namespace: NAMESPACE, labels: { [SERVICE_NAME_LABEL]: NAME } },
    addressType: ipv6 ? "IPv6" : "IPv4",
    endpoints: [{ addresses: [host], conditions: { ready: true } }],
    ports,
  };
  return { service, endpoints, slice };
}

/** Create `want` if missing; otherwise write the `fields` that differ (all top-level keys). */
async function ensure(client: Client, res: ApiResource, want: KubeObject, fields: string[], log: Logger) {
  const live = await client.get<StoredObject>(res, NAME, { namespace: NAMESPACE }).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
  if (!live) {
    await client.create(res, want, { namespace: NAMESPACE, fieldManager: FIELD_MANAGER }).catch((e) => (isAlreadyExists(e) ? undefined : Promise.reject(e)));
    log(`${res.plural} ${NAMESPACE}/${NAME} created`);
    return;
  }
  const w = want as unknown as Record<string, unknown>;
  const l = live as unknown as Record<string, unknown>;
  const changed = fields.filter((f) => !sameJson(l[f], w[f]));
  const labelsChanged = Object.entries(want.metadata?.labels ?? {}).some(([k, v]) => live.metadata.labels?.[k] !== v);
  if (!changed.length && !labelsChanged) return;
  const next = { ...live, ...Object.fromEntries(changed.map((f) => [f, w[f]])), metadata: { ...live.metadata, labels: { ...live.metadata.labels, ...want.metadata?.labels } } };
  await client.update(res, next, { namespace: NAMESPACE, fieldManager: FIELD_MANAGER });
  log(`${res.plural} ${NAMESPACE}/${NAME} updated`, { fields: changed });
}

export async function ensureKubernetesService(opts: KubernetesServiceOptions) {
  const { service, endpoints, slice } = desired(opts);
  const live = await opts.client.get<StoredObject & Service>(SERVICES, NAME, { namespace: NAMESPACE }).catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
  if (!live) await ensure(opts.client, SERVICES, service, [], opts.log);
  else if (!sameJson(live.spec?.ports, service.spec?.ports)) {
    await opts.client.update(SERVICES, { ...live, spec: { ...live.spec, ports: service.spec!.ports } }, { namespace: NAMESPACE, fieldManager: FIELD_MANAGER });
  }
  if (live?.spec?.clusterIP && live.spec.clusterIP !== opts.clusterIp) {
    opts.log.level("warn")("the kubernetes Service keeps its cluster IP outside the first address of the service range", { clusterIP: live.spec.clusterIP, expected: opts.clusterIp });
  }
  await ensure(opts.client, ENDPOINTS, endpoints, ["subsets"], opts.log);
  await ensure(opts.client, ENDPOINT_SLICES, slice, ["addressType", "endpoints", "ports"], opts.log);
}

/** Ensure now, then keep ensuring on every change to the three objects. */
export async function startKubernetesService(opts: KubernetesServiceOptions) {
  await ensureKubernetesService(opts);
  const selector = { namespace: NAMESPACE, fieldSelector: `metadata.name=${NAME}` };
  const informers = [SERVICES, ENDPOINTS, ENDPOINT_SLICES].map((r) => new Informer(opts.client, r, selector).start());
  const controller = runController<string>({
    name: "kubernetes-service",
    queue: opts.queue,
    log: opts.log,
    ready: async () => void (await Promise.all(informers.map((i) => i.waitForSync()))),
    reconcile: () => ensureKubernetesService(opts),
  });
  const offs = informers.map((i) => i.on({ update: () => controller.enqueue(NAME), delete: () => controller.enqueue(NAME) }));
  return {
    async stop() {
      for (const off of offs) off();
      await controller.stop();
      await Promise.all(informers.map((i) => i.stop()));
    },
  };
}
