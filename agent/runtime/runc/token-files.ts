// Service account token files of projected volumes: each is refreshed before 80% of its
// lifetime has passed (upstream's kubelet token manager), replaced atomically (a temp file in the
// same dir renamed over it, so a reader inside the container sees the old or the new token,
// never half of one) with the old file's mode and owner (fsGroup may have changed them). A
// refresh stops when the pod's volume dir is gone (the pod was removed); a container start that
// writes the volume again replaces the schedule. Timers do not hold the agent open.
import { chmodSync, chownSync, existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** What the token file needs from the API: a new token and when it expires. */
export type FetchToken = () => Promise<{ token: string; expirationTimestamp: string }>;

const RETRY_MS = 30_000;

export interface TokenRefresherOptions {
  readonly now?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  readonly log?: (msg: string, fields?: Record<string, unknown>) => void;
}

/** Writes `content` to `file` through a temp file and a rename, keeping the old file's mode and owner when there was one. */
export function replaceFile(file: string, content: string | Uint8Array, mode: number): void {
  const tmp = join(dirname(file), `.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    writeFileSync(tmp, content, { mode: 0o600 });
    const old = existsSync(file) ? statSync(file) : undefined;
    if (old) chownSync(tmp, old.uid, old.gid);
    chmodSync(tmp, old ? old.mode & 0o7777 : mode);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export class TokenRefresher {
  private readonly timers = new Map<string, { cancel(): void }>();
  private readonly now: () => number;
  private readonly setTimer: NonNullable<TokenRefresherOptions["setTimer"]>;

  constructor(private readonly opts: TokenRefresherOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.setTimer =
      opts.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return { cancel: () => clearTimeout(t) };
      });
  }

  /** Keeps `file` (written now with a token issued at `issuedAt`, expiring at `expiresAt`) fresh with `fetch`. */
  track(file: string, issuedAt: number, expiresAt: number, fetch: FetchToken): void {
    this.timers.get(file)?.cancel();
    const due = issuedAt + 0.8 * (expiresAt - issuedAt);
    this.schedule(file, Math.max(0, due - this.now()), fetch);
  }

  /** Files currently kept fresh. */
  get size(): number {
    return this.timers.size;
  }

  private schedule(file: string, ms: number, fetch: FetchToken): void {
    const timer = this.setTimer(() => void this.refresh(file, fetch), ms);
    this.timers.set(file, timer);
  }

  private async refresh(file: string, fetch: FetchToken): Promise<void> {
    this.timers.delete(file);
    if (!existsSync(dirname(file))) return; // the pod is gone
    const issuedAt = this.now();
    try {
      const t = await fetch();
      if (!existsSync(dirname(file))) return;
      replaceFile(file, t.token, 0o644);
      this.track(file, issuedAt, Date.parse(t.expirationTimestamp), fetch);
    } catch (e) {
      this.opts.log?.("service account token not refreshed; retrying", { file, error: (e as Error).message });
      if (!this.timers.has(file)) this.schedule(file, RETRY_MS, fetch);
    }
  }
}

/** The agent's one refresher: token files of every pod. */
export const tokenRefresher = new TokenRefresher();
