// The live set of resource types: the built-in rows plus one row per served version of each
// established CustomResourceDefinition. Lookups by URL (group/version/plural) and by kind.
import type { Strategy, ResourceType } from "./types.ts";
import { builtinRows } from "./resources.ts";

export type StrategyTable = Record<string, Strategy>;

const key = (group: string, version: string, plural: string) => `${group}/${version}/${plural}`;

export class Registry {
  private byPath = new Map<string, ResourceType>();
  private custom = new Map<string, ResourceType[]>(); // CRD name → its rows
  private listeners = new Set<() => void>();
  /** Bumped on every change, so cached discovery/OpenAPI documents know when to rebuild. */
  generation = 0;

  constructor(private strategies: StrategyTable = {}) {
    for (const row of builtinRows) {
      this.add({ version: "v1", ...row, strategy: this.strategyFor(row.group, row.kind) });
    }
  }

  strategyFor(group: string, kind: string): Strategy {
    return this.strategies[`${group}/${kind}`] ?? {};
  }

  private add(rt: ResourceType) {
    this.byPath.set(key(rt.group, rt.version, rt.plural), rt);
  }

  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(key(group, version, plural));
  }

  all(): ResourceType[] {
    return [...this.byPath.values()];
  }

  /** Every type in one group-version, in registration order. */
  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.all().filter((r) => r.group === group && r.version === version);
  }

  /** Groups with their versions, preferred (first registered) version first. Core ("") first. */
  groups(): { name: string; versions: string[] }[] {
    const out = new Map<string, string[]>();
    for (const r of this.byPath.values()) {
      const vs = out.get(r.group) ?? [];
      if (!vs.includes(r.version)) vs.push(r.version);
      out.set(r.group, vs);
    }
    return [...out].map(([name, versions]) => ({ name, versions }));
  }

  /** Replace the rows served for one CRD (empty = remove). */
  setCustom(crdName: string, rows: ResourceType[]) {
    for (const old of this.custom.get(crdName) ?? []) this.byPath.delete(key(old.group, old.version, old.plural));
    if (rows.length) this.custom.set(crdName, rows);
    else this.custom.delete(crdName);
    for (const r of rows) this.add(r);
    this.generation++;
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
