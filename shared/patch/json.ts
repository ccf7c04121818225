// RFC 6902 JSON patch (`application/json-patch+json`) with the apiserver's status codes:
// a malformed patch document is 400, an operation that cannot apply (missing path, failed test)
// is 422, more than 10000 operations is 413. Never a 5xx.
import { errors, StatusError } from "../api/errors.ts";
import { arrayIndex, parsePointer } from "./json-pointer.ts";
import { clone, deepEqual, has, isObj, jsonKind, setOwn, type Obj } from "./json-value.ts";

export type JsonPatchOp =
  | { op: "add" | "replace" | "test"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "move" | "copy"; from: string; path: string };

/** The apiserver's limit on operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/** Applies a JSON patch to an object and returns the patched copy; the inputs are not mutated. */
export function applyJsonPatch(original: object, ops: unknown): Obj {
  const patch = decodeJsonPatch(ops);
  const doc: Doc = { root: clone(original) };
  for (const op of patch) applyOp(doc, op);
  if (!isObj(doc.root)) {
    throw unprocessable(`json patch produced a ${jsonKind(doc.root)}, not a JSON object`);
  }
  return doc.root;
}

/** Validates the shape of a patch document (400 when malformed, 413 when too long). */
export function decodeJsonPatch(ops: unknown): JsonPatchOp[] {
  if (!Array.isArray(ops)) {
    throw errors.badRequest(`json patch must be a JSON array of operations, got ${jsonKind(ops)}`);
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw errors.tooLarge(
      `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
    );
  }
  return ops.map((raw, i) => {
    const where = `json patch operation ${i}`;
    if (!isObj(raw)) throw errors.badRequest(`${where} must be an object, got ${jsonKind(raw)}`);
    if (typeof raw.op !== "string" || !OPS.has(raw.op)) {
      throw errors.badRequest(`${where}: unknown op ${JSON.stringify(raw.op)}: supported ops are ${[...OPS].join(", ")}`);
    }
    for (const field of raw.op === "move" || raw.op === "copy" ? ["path", "from"] : ["path"]) {
      if (typeof raw[field] !== "string") throw errors.badRequest(`${where} (${raw.op}): "${field}" must be a string`);
      parsePointer(raw[field] as string, where);
    }
    if ((raw.op === "add" || raw.op === "replace" || raw.op === "test") && !has(raw, "value")) {
      throw errors.badRequest(`${where} (${raw.op}): missing "value"`);
    }
    return raw as JsonPatchOp;
  });
}

interface Doc {
  root: unknown;
}

function unprocessable(message: string): StatusError {
  return new StatusError(422, "Invalid", message);
}

function applyOp(doc: Doc, op: JsonPatchOp): void {
  switch (op.op) {
    case "add":
      return add(doc, op.path, clone(op.value), "add");
    case "remove":
      remove(doc, op.path, "remove");
      return;
    case "replace":
      return replace(doc, op.path, clone(op.value));
    case "move": {
      if (op.from === op.path) return;
      if (op.path.startsWith(`${op.from}/`)) {
        throw unprocessable(`move operation does not apply: cannot move ${op.from} into its own child ${op.path}`);
      }
      const value = remove(doc, op.from, "move");
      return add(doc, op.path, value, "move");
    }
    case "copy":
      return add(doc, op.path, clone(get(doc, op.from, "copy")), "copy");
    case "test": {
      const found = lookup(doc.root, parsePointer(op.path, "test"));
      if (!found.ok) throw unprocessable(`testing value ${op.path} failed: doc is missing path: ${op.path}`);
      if (!deepEqual(found.value, op.value)) throw unprocessable(`testing value ${op.path} failed: test failed`);
      return;
    }
  }
}

type Found = { ok: true; value: unknown } | { ok: false };

function lookup(root: unknown, tokens: string[]): Found {
  let current = root;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      const i = arrayIndex(token, current.length, false);
      if (i === undefined) return { ok: false };
      current = current[i];
    } else if (isObj(current) && has(current, token)) {
      current = current[token];
    } else {
      return { ok: false };
    }
  }
  return { ok: true, value: current };
}

function get(doc: Doc, path: string, op: string): unknown {
  const found = lookup(doc.root, parsePointer(path, op));
  if (!found.ok) throw unprocessable(`${op} operation does not apply: doc is missing from path: ${path}`);
  return found.value;
}

/** The container holding the last token of `path`; 422 when it does not exist. */
function parentOf(doc: Doc, path: string, op: string): { container: Obj | unknown[]; last: string } {
  const tokens = parsePointer(path, op);
  const last = tokens.pop() as string;
  const found = lookup(doc.root, tokens);
  if (!found.ok || !(isObj(found.value) || Array.isArray(found.value))) {
    throw unprocessable(`${op} operation does not apply: doc is missing path: ${path}`);
  }
  return { container: found.value, last };
}

function add(doc: Doc, path: string, value: unknown, op: string): void {
  if (path === "") {
    doc.root = value;
    return;
  }
  const { container, last } = parentOf(doc, path, op);
  if (Array.isArray(container)) {
    const i = arrayIndex(last, container.length, true);
    if (i === undefined) throw unprocessable(`${op} operation does not apply: index out of bounds or invalid: ${path}`);
    container.splice(i, 0, value);
  } else {
    setOwn(container, last, value);
  }
}

function remove(doc: Doc, path: string, op: string): unknown {
  if (path === "") throw unprocessable(`${op} operation does not apply: cannot remove the whole document`);
  const { container, last } = parentOf(doc, path, op);
  if (Array.isArray(container)) {
    const i = arrayIndex(last, container.length, false);
    if (i === undefined) throw unprocessable(`${op} operation does not apply: doc is missing path: ${path}`);
    return container.splice(i, 1)[0];
  }
  if (!has(container, last)) throw unprocessable(`${op} operation does not apply: doc is missing path: ${path}`);
  const value = container[last];
  delete container[last];
  return value;
}

function replace(doc: Doc, path: string, value: unknown): void {
  if (path === "") {
    doc.root = value;
    return;
  }
  const { container, last } = parentOf(doc, path, "replace");
  if (Array.isArray(container)) {
    const i = arrayIndex(last, container.length, false);
    if (i === undefined) throw unprocessable(`replace operation does not apply: doc is missing key: ${path}`);
    container[i] = value;
  } else {
    if (!has(container, last)) throw unprocessable(`replace operation does not apply: doc is missing key: ${path}`);
    setOwn(container, last, value);
  }
}
