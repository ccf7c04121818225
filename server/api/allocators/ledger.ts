// Which stored Service holds which cluster IPs and node ports: the pools' claims, kept per
// Service key with the revision they were read at. News comes from two sides (the write path
// right after its commit, and the store watch a moment later) and may arrive out of order, so
// older news about a key than what is recorded is ignored; a deleted key leaves a tombstone
// until the watch has passed its revision.
import type { Service } from "kubernetes-types/core/v1";
import type { StoredObject } from "../../../shared/api/object.ts";
import type { Logger } from "../../../shared/log.ts";
import { Pool } from "./pool.ts";
import { familyOf, normalIp, type IpFamily } from "./range.ts";
import { clusterIPsOf, nodePortsOf } from "./service-fields.ts";

interface Entry {
  uid: string;
  rev: number;
  ips: string[];
  ports: string[];
  deleted: boolean;
}

export type StoredService = StoredObject & Service;

export const serviceKey = (obj: { metadata?: { namespace?: string; name?: string } }) => `${obj.metadata?.namespace ?? ""}/${obj.metadata?.name ?? ""}`;

export class ServiceLedger {
  private readonly entries = new Map<string, Entry>();
  private readonly tombstones = new Set<string>();

  constructor(
    /** By family; the first one configured is the primary. */
    readonly ipPools: ReadonlyMap<IpFamily, Pool>,
    readonly nodePorts: Pool,
    private readonly log?: Logger,
  ) {}

  ipPool(ip: string): Pool | undefined {
    return this.ipPools.get(familyOf(ip));
  }

  /** Record the Service stored under `key` at revision `rev` (undefined: deleted at `rev`). */
  record(key: string, svc: StoredService | undefined, rev: number) {
    const cur = this.entries.get(key);
    if (cur && cur.rev >= rev) return;
    if (cur) this.unclaimAll(cur);
    if (!svc) {
      if (!cur) return;
      this.entries.set(key, { ...cur, rev, ips: [], ports: [], deleted: true });
      this.tombstones.add(key);
      return;
    }
    const entry: Entry = { uid: svc.metadata.uid, rev, ips: clusterIPsOf(svc).map(normalIp), ports: nodePortsOf(svc).map(String), deleted: false };
    this.entries.set(key, entry);
    this.tombstones.delete(key);
    for (const ip of entry.ips) this.report(key, ip, this.ipPool(ip)?.claim(ip, entry.uid));
    for (const port of entry.ports) this.report(key, port, this.nodePorts.claim(port, entry.uid));
  }

  /** The watch has delivered everything up to `rev`: older tombstones can no longer matter. */
  caughtUp(rev: number) {
    for (const key of this.tombstones) {
      const e = this.entries.get(key);
      if (e && e.rev <= rev) {
        this.entries.delete(key);
        this.tombstones.delete(key);
      }
    }
  }

  /** What a Service holds as recorded (for tests and diagnostics). */
  holdings(key: string): { ips: string[]; ports: string[] } | undefined {
    const e = this.entries.get(key);
    return e && !e.deleted ? { ips: [...e.ips], ports: [...e.ports] } : undefined;
  }

  private unclaimAll(e: Entry) {
    for (const ip of e.ips) this.ipPool(ip)?.unclaim(ip, e.uid);
    for (const port of e.ports) this.nodePorts.unclaim(port, e.uid);
  }

  private report(key: string, item: string, other: string | undefined) {
    if (other) this.log?.level("warn")("an allocated service address is claimed by two Services; the first keeps it", { service: key, item, otherUid: other });
  }
}
