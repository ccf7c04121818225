// Filling a Service's cluster IPs and node ports on one write, as upstream's service registry
// does before it stores: values the previous version already had are kept, requested ones are
// checked against the pools, missing ones are picked. Everything picked or requested is held
// under one token until the write settles. Errors carry upstream's wording.
import type { Service, ServiceSpec } from "kubernetes-types/core/v1";
import { errors, type StatusCause } from "../../../shared/api/errors.ts";
import type { ServiceLedger } from "./ledger.ts";
import type { Pool, Token } from "./pool.ts";
import { familyOf, normalIp, type IpFamily } from "./range.ts";
import { clusterIPsOf, isHeadless, needsClusterIP, needsHealthCheckNodePort, nodePortsOf, shouldAllocateNodePorts } from "./service-fields.ts";

export interface Held {
  token: Token;
  items: [Pool, string][];
}

const goStrings = (list: string[]) => `[]string{${list.map((s) => JSON.stringify(s)).join(", ")}}`;
const invalid = (svc: Service, field: string, shown: string, detail: string) =>
  errors.invalid("Service", "", svc.metadata?.name ?? "", [{ reason: "FieldValueInvalid", field, message: `Invalid value: ${shown}: ${detail}` } satisfies StatusCause]);

/** Fill `svc` (a private copy on its way to the store) and hold what it needs. `old` is the stored version on update. */
export function allocate(ledger: ServiceLedger, svc: Service, old: Service | undefined, uid: string): Held {
  const held: Held = { token: {}, items: [] };
  try {
    allocateClusterIPs(ledger, svc, old, uid, held);
    allocateNodePorts(ledger, svc, old, uid, held);
    return held;
  } catch (e) {
    for (const [pool, item] of held.items) pool.unhold(item, held.token);
    throw e;
  }
}

function take(pool: Pool, item: string, uid: string, held: Held) {
  pool.hold(item, held.token, uid);
  held.items.push([pool, item]);
}

/** The families a Service gets addresses in, after upstream's dual-stack rules. */
function families(ledger: ServiceLedger, spec: ServiceSpec, isNew: boolean): IpFamily[] {
  const configured = [...ledger.ipPools.keys()];
  let fams = (spec.ipFamilies ?? []) as IpFamily[];
  // The strategy defaults the family to IPv4; a new Service that named no address takes the
  // cluster's primary family instead, as upstream defaults it from the configured ranges.
  if (isNew && !spec.clusterIPs?.length && fams.length === 1 && !ledger.ipPools.has(fams[0]!)) fams = [configured[0]!];
  if (!fams.length) fams = [configured[0]!];
  const policy = spec.ipFamilyPolicy ?? "SingleStack";
  if (policy !== "SingleStack" && fams.length === 1 && configured.length === 2) fams = [fams[0]!, configured.find((f) => f !== fams[0])!];
  return fams;
}

function allocateClusterIPs(ledger: ServiceLedger, svc: Service, old: Service | undefined, uid: string, held: Held) {
  if (!needsClusterIP(svc) || isHeadless(svc)) return;
  const spec = (svc.spec ??= {});
  const before = new Set((old ? clusterIPsOf(old) : []).map(normalIp));
  const requested = spec.clusterIPs?.length ? [...spec.clusterIPs] : spec.clusterIP ? [spec.clusterIP] : [];
  if (spec.ipFamilyPolicy === "RequireDualStack" && ledger.ipPools.size < 2) {
    throw invalid(svc, "spec.ipFamilyPolicy", JSON.stringify(spec.ipFamilyPolicy), "this cluster is not configured for dual-stack services");
  }
  const fams = families(ledger, spec, !old);
  const result: string[] = [];
  fams.forEach((fam, i) => {
    const want = requested[i] ? normalIp(requested[i]!) : "";
    if (want && before.has(want)) return void result.push(want);
    if (want) {
      const pool = ledger.ipPool(want);
      const range = (pool ?? [...ledger.ipPools.values()][0]!).space.description;
      const fail = (why: string) => invalid(svc, "spec.clusterIPs", goStrings(requested), `failed to allocate IP ${requested[i]}: ${why}`);
      if (!pool?.contains(want)) throw fail(`the provided IP (${want}) is not in the valid range. The range of valid IPs is ${range}`);
      if (pool.takenBy(want, uid) !== undefined) throw fail("provided IP is already allocated");
      take(pool, want, uid, held);
      return void result.push(want);
    }
    const pool = ledger.ipPools.get(fam);
    if (!pool) throw invalid(svc, `spec.ipFamilies[${i}]`, JSON.stringify(fam), "not configured on this cluster");
    const ip = pool.next(held.token, uid);
    if (ip === undefined) throw errors.internal("failed to allocate a serviceIP: range is full");
    held.items.push([pool, ip]);
    result.push(ip);
  });
  spec.clusterIPs = result;
  spec.clusterIP = result[0];
  spec.ipFamilies = result.map(familyOf);
}

function allocateNodePorts(ledger: ServiceLedger, svc: Service, old: Service | undefined, uid: string, held: Held) {
  const pool = ledger.nodePorts;
  const spec = (svc.spec ??= {});
  const before = new Set(old ? nodePortsOf(old) : []);
  const mine = new Set<number>();
  const request = (port: number, field: string, internal?: string) => {
    if (before.has(port) || mine.has(port)) return;
    const item = String(port);
    const why = !pool.contains(item) ? `provided port is not in the valid range. The range of valid ports is ${pool.space.description}` : pool.takenBy(item, uid) !== undefined ? "provided port is already allocated" : undefined;
    if (why && internal) throw errors.internal(`${internal} ${port}: ${why}`);
    if (why) throw invalid(svc, field, String(port), why);
    take(pool, item, uid, held);
    mine.add(port);
  };
  const next = (what: string): number => {
    const item = pool.next(held.token, uid);
    if (item === undefined) throw errors.internal(`failed to allocate a ${what}: range is full`);
    held.items.push([pool, item]);
    mine.add(Number(item));
    return Number(item);
  };
  const ports = spec.ports ?? [];
  const bySvcPort = new Map<number, number>();
  ports.forEach((p, i) => {
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
    if (p.nodePort) {
      request(p.nodePort, `spec.ports[${i}].nodePort`);
      if (!bySvcPort.has(p.port)) bySvcPort.set(p.port, p.nodePort);
      return;
    }
    // TCP and UDP on one port number share a node port; a later entry may name it.
    const sibling = bySvcPort.get(p.port) ?? ports.find((q) => q.port === p.port && q.nodePort)?.nodePort;
    if (sibling) request(sibling, `spec.ports[${i}].nodePort`);
    p.nodePort = sibling ?? next("nodePort");
    bySvcPort.set(p.port, p.nodePort);
  });
  if (!needsHealthCheckNodePort(svc)) return;
  if (spec.healthCheckNodePort) request(spec.healthCheckNodePort, "spec.healthCheckNodePort", "failed to allocate requested HealthCheck NodePort");
  else spec.healthCheckNodePort = next("HealthCheck NodePort");
}
