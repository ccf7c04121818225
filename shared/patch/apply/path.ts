// Path elements of managed-field sets, in their fieldsV1 spelling:
//   f:<name>   a struct field or map key        k:{"name":"x"}  a list-map item by its keys
//   v:<json>   a set item by its value           i:<n>           a list item by index
// and their human spelling in conflict messages (`.spec.containers[name="x"].image`).

export const fieldToken = (name: string): string => `f:${name}`;

/** `k:` token: the key fields sorted by name, compact JSON. */
export function keyToken(key: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const name of Object.keys(key).sort()) sorted[name] = key[name];
  return `k:${JSON.stringify(sorted)}`;
}

export const valueToken = (value: unknown): string => `v:${JSON.stringify(value)}`;

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Token order of serialized sets: fields, then keys, values and indexes, each sorted. */
export function compareTokens(a: string, b: string): number {
  const ra = RANK[a[0] as string] ?? 4;
  const rb = RANK[b[0] as string] ?? 4;
  if (ra !== rb) return ra - rb;
  if (a.startsWith("i:") && b.startsWith("i:")) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `.spec.template.spec.containers[name="nginx"].image` */
export function prettyPath(tokens: readonly string[]): string {
  return tokens.map(prettyToken).join("");
}

function prettyToken(token: string): string {
  const body = token.slice(2);
  switch (token.slice(0, 2)) {
    case "f:":
      return `.${body}`;
    case "k:": {
      try {
        const key = JSON.parse(body) as Record<string, unknown>;
        return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
      } catch {
        return `[${body}]`;
      }
    }
    case "v:":
      return `[=${body}]`;
    case "i:":
      return `[${body}]`;
    default:
      return token;
  }
}
