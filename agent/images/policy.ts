// imagePullPolicy: Always pulls every time (cheap when nothing changed: the manifest is fetched,
// the layers are already there); IfNotPresent pulls only when the image is missing; Never only
// uses what is on the node (tarball imports).
import { ImageError } from "./errors.ts";
import { parseReference } from "./reference.ts";

export type PullPolicy = "Always" | "IfNotPresent" | "Never";

/** The API server's default: Always for :latest or no tag, IfNotPresent otherwise (digests included). */
export function defaultPullPolicy(image: string): PullPolicy {
  try {
    const ref = parseReference(image);
    return !ref.digest && ref.tag === "latest" ? "Always" : "IfNotPresent";
  } catch {
    return "IfNotPresent";
  }
}

export function isPullPolicy(v: unknown): v is PullPolicy {
  return v === "Always" || v === "IfNotPresent" || v === "Never";
}

/** The kubelet's ErrImageNeverPull, with its message. */
export function neverPullError(image: string): ImageError {
  return new ImageError("ErrImageNeverPull", `Container image "${image}" is not present with pull policy of Never`);
}
