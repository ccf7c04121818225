// gnostic openapi_v2.Schema on the wire.
import { any, anys, bool, double, int64, msg, named, oneofBool, str, strs, vendorExtensions, type BinaryWriter, type Json } from "./wire.ts";

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Schema: _ref 1, format 2, title 3, description 4, default 5, multiple_of 6, maximum 7,
 * exclusive_maximum 8, minimum 9, exclusive_minimum 10, max_length 11, min_length 12, pattern 13,
 * max_items 14, min_items 15, unique_items 16, max_properties 17, min_properties 18, required 19,
 * enum 20, additional_properties 21, type 22, items 23, all_of 24, properties 25,
 * discriminator 26, read_only 27, xml 28, external_docs 29, example 30, vendor_extension 31. */
export function writeSchema(w: BinaryWriter, s: Json) {
  str(w, 1, s.$ref);
  str(w, 2, s.format);
  str(w, 3, s.title);
  str(w, 4, s.description);
  any(w, 5, s.default);
  double(w, 6, s.multipleOf);
  double(w, 7, s.maximum);
  bool(w, 8, s.exclusiveMaximum);
  double(w, 9, s.minimum);
  bool(w, 10, s.exclusiveMinimum);
  int64(w, 11, s.maxLength);
  int64(w, 12, s.minLength);
  str(w, 13, s.pattern);
  int64(w, 14, s.maxItems);
  int64(w, 15, s.minItems);
  bool(w, 16, s.uniqueItems);
  int64(w, 17, s.maxProperties);
  int64(w, 18, s.minProperties);
  strs(w, 19, s.required);
  anys(w, 20, s.enum);
  // AdditionalPropertiesItem: oneof { Schema schema = 1; bool boolean = 2 }
  const ap = s.additionalProperties;
  if (isObject(ap)) msg(w, 21, () => msg(w, 1, () => writeSchema(w, ap)));
  else if (typeof ap === "boolean") msg(w, 21, () => oneofBool(w, 2, ap));
  // TypeItem { repeated string value = 1 }
  if (s.type !== undefined) msg(w, 22, () => strs(w, 1, Array.isArray(s.type) ? s.type : [s.type]));
  // ItemsItem { repeated Schema schema = 1 }
  const items = s.items;
  if (items !== undefined) {
    const list = (Array.isArray(items) ? items : [items]).filter(isObject);
    msg(w, 23, () => list.forEach((i) => msg(w, 1, () => writeSchema(w, i))));
  }
  if (Array.isArray(s.allOf)) for (const a of s.allOf.filter(isObject)) msg(w, 24, () => writeSchema(w, a));
  // Properties { repeated NamedSchema additional_properties = 1 }
  const props = s.properties;
  if (isObject(props)) msg(w, 25, () => named(w, 1, props as Record<string, Json>, (p) => writeSchema(w, p)));
  str(w, 26, s.discriminator);
  bool(w, 27, s.readOnly);
  any(w, 30, s.example);
  vendorExtensions(w, 31, s);
}
