// One allocatable space (service IPs of a family, or node ports) and who holds what in it.
// Two kinds of ownership: claims mirror the stored Services (one owner uid per item), holds
// cover writes in flight (a token per write). An item is free for a Service when nobody else
// claims or holds it. Dynamic picks start at a random offset above a low "static" band that is
// used last, so addresses people choose by hand rarely collide (upstream's KEP-3070/3668).
import type { Space } from "./range.ts";

export interface PoolOptions {
  /** Items dynamic allocation never picks (the kubernetes and DNS service IPs); a request may still name them. */
  reserved?: readonly string[];
  /** Upstream's band formula: min(max(min, size/step), max), none when size <= min. */
  band: { min: number; step: number; max: number };
  /** A number in [0, 1); injected by tests. */
  random?: () => number;
}

export const IP_BAND = { min: 16, step: 16, max: 256 };
export const PORT_BAND = { min: 16, step: 32, max: 128 };

export type Token = object;

export class Pool {
  private readonly claims = new Map<string, string>();
  private readonly holds = new Map<string, Map<Token, string>>();
  private readonly reserved: Set<number>;
  private readonly random: () => number;
  /** Offsets below this are the static band. */
  readonly staticBand: number;

  constructor(
    readonly space: Space,
    opts: PoolOptions,
  ) {
    this.reserved = new Set((opts.reserved ?? []).map((r) => space.offsetOf(r)).filter((o) => o !== undefined));
    this.random = opts.random ?? Math.random;
    const { min, step, max } = opts.band;
    this.staticBand = space.size <= min ? 0 : Math.min(max, Math.max(min, Math.floor(space.size / step)));
  }

  contains(item: string): boolean {
    return this.space.offsetOf(item) !== undefined;
  }

  /** The uid of another owner that keeps `item` from `uid`, if any. */
  takenBy(item: string, uid: string): string | undefined {
    const claimed = this.claims.get(item);
    if (claimed !== undefined && claimed !== uid) return claimed;
    for (const holder of this.holds.get(item)?.values() ?? []) if (holder !== uid) return holder;
    return undefined;
  }

  hold(item: string, token: Token, uid: string) {
    let h = this.holds.get(item);
    if (!h) this.holds.set(item, (h = new Map()));
    h.set(token, uid);
  }

  unhold(item: string, token: Token) {
    const h = this.holds.get(item);
    if (!h?.delete(token)) return;
    if (h.size === 0) this.holds.delete(item);
  }

  /** Record a stored Service's item; a second claimant is reported, the first one kept. */
  claim(item: string, uid: string): string | undefined {
    const cur = this.claims.get(item);
    if (cur !== undefined && cur !== uid) return cur;
    this.claims.set(item, uid);
    return undefined;
  }

  unclaim(item: string, uid: string) {
    if (this.claims.get(item) === uid) this.claims.delete(item);
  }

  /** Pick and hold a free item, or undefined when the space is full. */
  next(token: Token, uid: string): string | undefined {
    const { size } = this.space;
    const off = this.scan(this.staticBand, size) ?? this.scan(0, this.staticBand);
    if (off === undefined) return undefined;
    const item = this.space.itemAt(off);
    this.hold(item, token, uid);
    return item;
  }

  /** Items claimed or held in this space. */
  used(): number {
    const all = new Set([...this.claims.keys(), ...this.holds.keys()]);
    return [...all].filter((i) => this.contains(i)).length;
  }

  private scan(from: number, to: number): number | undefined {
    const n = to - from;
    if (n <= 0) return undefined;
    const start = Math.floor(this.random() * n);
    for (let i = 0; i < n; i++) {
      const off = from + ((start + i) % n);
      if (this.reserved.has(off)) continue;
      const item = this.space.itemAt(off);
      if (!this.claims.has(item) && !this.holds.has(item)) return off;
    }
    return undefined;
  }
}
