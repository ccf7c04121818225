// A set of field paths, stored as a tree of path-element tokens. A node is a member when the
// path itself is in the set; it may also just lead to deeper members. Serialises to fieldsV1.
import { compareTokens } from "./path.ts";

export type Path = readonly string[];

export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  static of(...paths: Path[]): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  insert(path: Path): void {
    let node: FieldSet = this;
    for (const token of path) {
      let next = node.children.get(token);
      if (!next) node.children.set(token, (next = new FieldSet()));
      node = next;
    }
    node.member = true;
  }

  /** The node at `path`: present when the path is a member or leads to one. */
  node(path: Path): FieldSet | undefined {
    let node: FieldSet | undefined = this;
    for (const token of path) node = node?.children.get(token);
    return node;
  }

  has(path: Path): boolean {
    return this.node(path)?.member === true;
  }

  isEmpty(): boolean {
    return !this.member && this.children.size === 0;
  }

  union(other: FieldSet): FieldSet {
    return combine(this, other, (a, b) => a || b);
  }

  difference(other: FieldSet): FieldSet {
    return combine(this, other, (a, b) => a && !b);
  }

  intersection(other: FieldSet): FieldSet {
    return combine(this, other, (a, b) => a && b);
  }

  /** A copy without the subtree at `path` (the path itself included). */
  withoutSubtree(path: Path): FieldSet {
    return this.difference(subtreeMask(this, path));
  }

  /** A copy where `path` is no longer a member; deeper members stay. */
  withoutMember(path: Path): FieldSet {
    return this.difference(FieldSet.of(path));
  }

  /** Member paths, in serialisation order. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = this.member ? [prefix] : [];
    for (const token of [...this.children.keys()].sort(compareTokens)) {
      out.push(...(this.children.get(token) as FieldSet).paths([...prefix, token]));
    }
    return out;
  }

  /** The fieldsV1 JSON form: `{"f:spec":{"f:replicas":{}}}`, "." marking members with children. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.member && this.children.size > 0) out["."] = {};
    for (const token of [...this.children.keys()].sort(compareTokens)) {
      out[token] = (this.children.get(token) as FieldSet).toFieldsV1();
    }
    return out;
  }

  /** Parses fieldsV1; anything that is not an object of objects is ignored. */
  static fromFieldsV1(json: unknown): FieldSet {
    const set = new FieldSet();
    fill(set, json);
    return set;
  }
}

function fill(node: FieldSet, json: unknown): void {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return;
  for (const [token, value] of Object.entries(json)) {
    if (token === ".") {
      node.member = true;
      continue;
    }
    const child = new FieldSet();
    fill(child, value);
    if (child.children.size === 0) child.member = true;
    node.children.set(token, child);
  }
}

/** Walks both trees; `keep` decides membership from the two member flags. Empty nodes are dropped. */
function combine(a: FieldSet | undefined, b: FieldSet | undefined, keep: (a: boolean, b: boolean) => boolean): FieldSet {
  const out = new FieldSet();
  if (!a && !keep(false, true)) return out;
  out.member = keep(a?.member ?? false, b?.member ?? false);
  const tokens = new Set([...(a?.children.keys() ?? []), ...(b?.children.keys() ?? [])]);
  for (const token of tokens) {
    const child = combine(a?.children.get(token), b?.children.get(token), keep);
    if (!child.isEmpty()) out.children.set(token, child);
  }
  return out;
}

/** Every member under (and at) `path` of `set`, as a set. */
function subtreeMask(set: FieldSet, path: Path): FieldSet {
  const node = set.node(path);
  const mask = new FieldSet();
  if (!node) return mask;
  let target = mask;
  for (const token of path) {
    const next = new FieldSet();
    target.children.set(token, next);
    target = next;
  }
  copyInto(target, node);
  return mask;
}

function copyInto(target: FieldSet, source: FieldSet): void {
  target.member = source.member;
  for (const [token, child] of source.children) {
    const copy = new FieldSet();
    copyInto(copy, child);
    target.children.set(token, copy);
  }
}
