// Service cluster IPs and node ports, allocated in the API write path as upstream's service
// registry does, so `kubectl create service` and `expose` answer with the address at once.
//
// The allocation state is derived from the stored Services, never persisted on its own: at
// start the ledger lists them, then follows the store's watch; each write holds what it picks
// until it settles, then records what it stored. Nothing is handed out twice, across restarts
// and concurrent creates, as long as one server owns the store (as the sqlite driver ensures).
import type { Service } from "kubernetes-types/core/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { splitList } from "../../../shared/config/net.ts";
import type { Logger } from "../../../shared/log.ts";
import type { Watcher } from "../../store/types.ts";
import type { ApiContext } from "../context.ts";
import type { ResourceType } from "../registry/types.ts";
import { allocate } from "./allocate.ts";
import { serviceKey, ServiceLedger, type StoredService } from "./ledger.ts";
import { IP_BAND, Pool, PORT_BAND } from "./pool.ts";
import { addressRange, parsePortRange, portRange, type IpFamily } from "./range.ts";
import { syncLedger } from "./sync.ts";

export interface ServiceAddressOptions {
  /** `--service-cidr`: one CIDR or a dual-stack pair; the first is the primary family. */
  serviceCidr: string;
  /** `--cluster-dns`: addresses dynamic allocation leaves for the DNS Service. */
  clusterDns?: string;
  /** Default 30000-32767. */
  nodePortRange?: string;
  log: Logger;
  random?: () => number;
}

export interface ServiceAddresses {
  ledger: ServiceLedger;
  /** The first address of the primary range: the `kubernetes` Service's. */
  kubernetesIp: string;
  stop(): void;
}

/** What one write holds until it settles. */
export interface AddressHold {
  /** Give back everything held (the write was not made, or was a dry run). */
  release(): void;
  /** Await the store write; record what it stored; give back the holds either way. */
  settle<T extends StoredObject | undefined>(write: Promise<T>): Promise<T>;
}

const attached = new WeakMap<ApiContext, { ledger: ServiceLedger; backendGet: (key: string) => Promise<StoredService | undefined> }>();

const NO_HOLD: AddressHold = { release() {}, settle: (w) => w };

const isService = (rt: ResourceType) => rt.group === "" && rt.plural === "services";

export async function startServiceAddresses(ctx: ApiContext, opts: ServiceAddressOptions): Promise<ServiceAddresses> {
  const ranges = splitList(opts.serviceCidr).map(addressRange);
  const kubernetesIp = ranges[0]!.itemAt(0);
  const reserved = [kubernetesIp, ...splitList(opts.clusterDns ?? "")];
  const ipPools = new Map<IpFamily, Pool>(ranges.map((r) => [r.family, new Pool(r, { band: IP_BAND, reserved, random: opts.random })]));
  const nodePorts = new Pool(portRange(parsePortRange(opts.nodePortRange ?? "30000-32767")), { band: PORT_BAND, random: opts.random });
  const ledger = new ServiceLedger(ipPools, nodePorts, opts.log);
  const rt = ctx.registry.lookup("", "v1", "services")!;
  const watcher: Watcher = await syncLedger(ctx.store.backend, ctx.store.prefix(rt), ledger, opts.log);
  const backendGet = async (key: string) => {
    const [namespace, name] = key.split("/") as [string, string];
    return (await ctx.store.get(rt, namespace, name))?.obj as StoredService | undefined;
  };
  attached.set(ctx, { ledger, backendGet });
  return {
    ledger,
    kubernetesIp,
    stop() {
      watcher.cancel();
      attached.delete(ctx);
    },
  };
}

/**
 * Before a Service is stored: fill its cluster IPs and node ports (`obj` is the write's own
 * copy; `old` the stored version on update) and hold them. Throws the 422/500 upstream answers.
 */
export function holdServiceAddresses(ctx: ApiContext, rt: ResourceType, obj: KubeObject, old?: StoredObject): AddressHold {
  const a = attached.get(ctx);
  if (!a || !isService(rt) || obj.metadata?.deletionTimestamp) return NO_HOLD;
  const uid = obj.metadata?.uid ?? old?.metadata.uid ?? "";
  const held = allocate(a.ledger, obj as Service, old as Service | undefined, uid);
  const release = () => {
    for (const [pool, item] of held.items.splice(0)) pool.unhold(item, held.token);
  };
  const key = serviceKey(obj);
  return {
    release,
    async settle(write) {
      try {
        const stored = await write;
        if (stored) a.ledger.record(key, stored as StoredService, Number(stored.metadata.resourceVersion));
        return stored;
      } catch (e) {
        // The outcome is unknown: the store decides before the holds go.
        const now = await a.backendGet(key).catch(() => undefined);
        if (now) a.ledger.record(key, now, Number(now.metadata.resourceVersion));
        throw e;
      } finally {
        release();
      }
    },
  };
}

/** After a Service was removed from the store (`gone` carries the delete's revision). */
export function releaseServiceAddresses(ctx: ApiContext, rt: ResourceType, gone: StoredObject) {
  const a = attached.get(ctx);
  if (a && isService(rt)) a.ledger.record(serviceKey(gone), undefined, Number(gone.metadata.resourceVersion));
}
