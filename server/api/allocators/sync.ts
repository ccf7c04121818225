// Keep a ServiceLedger equal to the stored Services: list them all at one revision (so a
// restart starts from what the store holds), then follow the store's watch from there. Writes
// that bypass the API handlers (or whose outcome the handler never learned) arrive this way.
import { CompactedError, type Backend, type KeyValue, type Watcher } from "../../store/types.ts";
import type { Logger } from "../../../shared/log.ts";
import { decodeKvShared } from "../storage/objects.ts";
import { serviceKey, type ServiceLedger, type StoredService } from "./ledger.ts";

const PAGE = 500;

function record(ledger: ServiceLedger, kv: KeyValue, deleted: boolean) {
  const svc = decodeKvShared(kv) as StoredService;
  ledger.record(serviceKey(svc), deleted ? undefined : svc, kv.modRevision);
}

/** List everything under `prefix` at one revision; returns that revision. */
async function listAll(backend: Backend, prefix: string, ledger: ServiceLedger): Promise<number> {
  for (;;) {
    try {
      let revision = 0;
      let startAfter: string | undefined;
      for (;;) {
        const page = await backend.list(prefix, { limit: PAGE, startAfter, revision });
        revision = page.revision;
        for (const kv of page.kvs) record(ledger, kv, false);
        if (!page.more || page.kvs.length === 0) return revision;
        startAfter = page.kvs[page.kvs.length - 1]!.key;
      }
    } catch (e) {
      if (!(e instanceof CompactedError)) throw e; // compacted between pages: list again
    }
  }
}

export async function syncLedger(backend: Backend, prefix: string, ledger: ServiceLedger, log: Logger): Promise<Watcher> {
  const revision = await listAll(backend, prefix, ledger);
  return backend.watch(prefix, {
    afterRevision: revision,
    onEvents(events) {
      for (const ev of events) {
        try {
          record(ledger, ev.kv, ev.type === "delete");
        } catch (e) {
          log.level("error")("service allocation: cannot read a stored Service", { key: ev.kv.key, error: e instanceof Error ? e.message : String(e) });
        }
      }
      ledger.caughtUp(events[events.length - 1]!.kv.modRevision);
    },
  });
}
