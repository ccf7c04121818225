// RFC 6901 JSON pointers: parsing (with ~0 / ~1 escapes) and array index rules.
import { errors } from "../api/errors.ts";

/** Splits a pointer into unescaped reference tokens; "" is the whole document. Malformed → 400. */
export function parsePointer(pointer: string, where: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) {
    throw errors.badRequest(`${where}: invalid JSON pointer ${JSON.stringify(pointer)}: must be empty or start with "/"`);
  }
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => {
      if (/~[^01]|~$/.test(raw)) {
        throw errors.badRequest(`${where}: invalid JSON pointer ${JSON.stringify(pointer)}: "~" must be followed by 0 or 1`);
      }
      return raw.replaceAll("~1", "/").replaceAll("~0", "~");
    });
}

/**
 * The array index a token names, or undefined when it is not a valid index: decimal digits without
 * leading zeros, at most `max`. "-" (one past the end) is accepted only when `allowEnd` is set.
 */
export function arrayIndex(token: string, length: number, allowEnd: boolean): number | undefined {
  if (token === "-") return allowEnd ? length : undefined;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  const index = Number(token);
  const max = allowEnd ? length : length - 1;
  return index <= max ? index : undefined;
}
