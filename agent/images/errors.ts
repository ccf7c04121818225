// Errors the image service reports, with the kubelet's waiting reasons, and the lower-level
// errors they wrap (a registry's own error, a digest mismatch).

/** The container waiting reasons the kubelet uses for image problems. */
export type ImageErrorReason = "ErrImagePull" | "ImagePullBackOff" | "ErrImageNeverPull" | "InvalidImageName" | "ImageInspectError";

/**
 * An image could not be made available; `reason` goes into the container's waiting state.
 * `retryInMs`, when set, is when the caller should ask again (the pull back-off).
 */
export class ImageError extends Error {
  override readonly name = "ImageError";
  readonly retryInMs?: number;
  constructor(
    readonly reason: ImageErrorReason,
    message: string,
    options?: { cause?: unknown; retryInMs?: number },
  ) {
    super(message, options);
    this.retryInMs = options?.retryInMs;
  }
}

/** A registry answered with an error. `message` is the registry's own text, e.g. "unauthorized: authentication required". */
export class RegistryError extends Error {
  override readonly name = "RegistryError";
  constructor(
    readonly status: number,
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

/** A registry could not be reached (connection refused, DNS, TLS, reset). */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor(url: string, cause: unknown) {
    super(`${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Content did not hash to the digest it was fetched or imported under. */
export class DigestMismatchError extends Error {
  override readonly name = "DigestMismatchError";
  constructor(
    readonly expected: string,
    readonly actual: string,
    what: string,
  ) {
    super(`${what}: digest mismatch: expected ${expected}, got ${actual}`);
  }
}

/**
 * Formats a registry error body (`{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}`)
 * as the registry's clients do: "manifest unknown: manifest unknown".
 */
export function registryErrorText(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: string; message?: string }[] };
    const texts = (parsed.errors ?? []).map((e) => [e.code?.toLowerCase().replaceAll("_", " "), e.message].filter(Boolean).join(": ")).filter(Boolean);
    if (texts.length) return texts.join("; ");
  } catch {
    // not JSON: fall through to the status line
  }
  const trimmed = body.trim().slice(0, 200);
  return trimmed ? `${status} ${trimmed}` : `unexpected status ${status}`;
}

/** The message of any thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
