// Strategies read bodies that only passed JSON decoding, so a field can hold a value of the wrong
// type (`"spec": "x"`, `"labels": 3`). Upstream rejects those while decoding with 400 BadRequest
// ("… cannot be handled as a Deployment: …"); here the same 400 comes from wrapping each strategy,
// so a type confusion in defaults or validation never becomes a 500.
import { errors, StatusError } from "../../../shared/api/errors.ts";
import type { Strategy } from "../registry/types.ts";

export function malformed(kind: string, err: unknown): StatusError {
  const why = err instanceof Error ? err.message : String(err);
  return errors.badRequest(`the object cannot be handled as a ${kind}: a field has a value of the wrong type (${why})`);
}

function wrap<A extends unknown[], R>(kind: string, fn: ((...args: A) => R) | undefined): ((...args: A) => R) | undefined {
  if (!fn) return undefined;
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch (e) {
      if (e instanceof StatusError) throw e;
      throw malformed(kind, e);
    }
  };
}

/** The same strategy, with wrong-typed input reported as 400 BadRequest. */
export function guarded(kind: string, s: Strategy): Strategy {
  const out: Strategy = { ...s };
  if (s.defaults) out.defaults = wrap(kind, s.defaults.bind(s));
  if (s.validate) out.validate = wrap(kind, s.validate.bind(s));
  if (s.validateUpdate) out.validateUpdate = wrap(kind, s.validateUpdate.bind(s));
  return out;
}
