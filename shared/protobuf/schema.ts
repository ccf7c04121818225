// The shape of kubun's protobuf tables and their compilation into lookup maps.
//
// A table maps a protobuf field number to [jsonName, type, flag?]. Types are strings:
//   scalars   "string" | "int32" | "int64" | "bool" | "bytes" | "double"
//   specials  "Time" | "MicroTime" | "Duration" | "IntOrString" | "Quantity" | "FieldsV1" | "StringList"
//   messages  "PodSpec" (same group) or "meta.ObjectMeta" (group-qualified)
//   "[]T"     repeated T
//   "map[string]T"  map entries {1 key, 2 value}
// Flags say how a scalar zero value that is present on the wire is treated:
//   "ptr"    Go pointer: being on the wire means "set", keep 0 / "" / false
//   "req"    Go field without omitempty: JSON always carries it, keep the zero value
//   "inline" embedded struct (json:",inline"): its fields merge into the parent object
// Without a flag, scalar zero values are dropped the way JSON omitempty would.

export type Flag = "ptr" | "req" | "inline";
export type FieldSpec = readonly [json: string, type: string, flag?: Flag];
export type MessageSpec = Readonly<Record<number, FieldSpec>>;
export type GroupSpec = Readonly<Record<string, MessageSpec>>;

export type Scalar = "string" | "int32" | "int64" | "bool" | "bytes" | "double";
export type Special = "Time" | "MicroTime" | "Duration" | "IntOrString" | "Quantity" | "FieldsV1" | "StringList";

const SCALARS: ReadonlySet<string> = new Set<Scalar>(["string", "int32", "int64", "bool", "bytes", "double"]);
const SPECIALS: ReadonlySet<string> = new Set<Special>([
  "Time",
  "MicroTime",
  "Duration",
  "IntOrString",
  "Quantity",
  "FieldsV1",
  "StringList",
]);

export type TypeRef =
  | { readonly kind: "scalar"; readonly scalar: Scalar }
  | { readonly kind: "special"; readonly special: Special }
  | { readonly kind: "message"; readonly message: CompiledMessage };

export interface CompiledField {
  readonly no: number;
  readonly json: string;
  readonly type: TypeRef;
  readonly repeated: boolean;
  readonly map: boolean;
  /** Keep zero values ("ptr" or "req"). */
  readonly keepZero: boolean;
  readonly inline: boolean;
}

export interface CompiledMessage {
  readonly name: string;
  readonly fields: Map<number, CompiledField>;
}

export interface Registry {
  readonly messages: ReadonlyMap<string, CompiledMessage>;
  /** Table mistakes found while compiling (unknown type names, bad flags). Empty when the tables are sound. */
  readonly problems: readonly string[];
}

/** Compiles groups of tables (keyed by group prefix, e.g. "core") into one registry. */
export function compileRegistry(groups: Readonly<Record<string, GroupSpec>>): Registry {
  const messages = new Map<string, CompiledMessage>();
  const problems: string[] = [];
  for (const [prefix, group] of Object.entries(groups)) {
    for (const name of Object.keys(group)) messages.set(`${prefix}.${name}`, { name: `${prefix}.${name}`, fields: new Map() });
  }
  for (const [prefix, group] of Object.entries(groups)) {
    for (const [name, spec] of Object.entries(group)) {
      const msg = messages.get(`${prefix}.${name}`)!;
      for (const [noText, [json, typeText, flag]] of Object.entries(spec)) {
        const where = `${prefix}.${name} field ${noText} (${json})`;
        const field = compileField(Number(noText), json, typeText, flag, prefix, messages);
        if (typeof field === "string") problems.push(`${where}: ${field}`);
        else msg.fields.set(field.no, field);
      }
    }
  }
  return { messages, problems };
}

function compileField(
  no: number,
  json: string,
  typeText: string,
  flag: Flag | undefined,
  prefix: string,
  messages: ReadonlyMap<string, CompiledMessage>,
): CompiledField | string {
  if (!Number.isInteger(no) || no <= 0) return `field number must be a positive integer`;
  let repeated = false;
  let map = false;
  let inner = typeText;
  if (inner.startsWith("[]")) {
    repeated = true;
    inner = inner.slice(2);
  } else if (inner.startsWith("map[string]")) {
    map = true;
    inner = inner.slice("map[string]".length);
  }
  const type = resolveType(inner, prefix, messages);
  if (!type) return `unknown type "${inner}"`;
  const inline = flag === "inline";
  if (inline && (repeated || map || type.kind !== "message")) return `only a single message can be inlined`;
  if ((flag === "ptr" || flag === "req") && type.kind !== "scalar") return `flag "${flag}" only applies to scalars`;
  return { no, json, type, repeated, map, keepZero: flag === "ptr" || flag === "req", inline };
}

function resolveType(text: string, prefix: string, messages: ReadonlyMap<string, CompiledMessage>): TypeRef | undefined {
  if (SCALARS.has(text)) return { kind: "scalar", scalar: text as Scalar };
  if (SPECIALS.has(text)) return { kind: "special", special: text as Special };
  const message = messages.get(text.includes(".") ? text : `${prefix}.${text}`);
  return message ? { kind: "message", message } : undefined;
}
