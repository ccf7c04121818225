// Fixtures for the printer tests.
import type { StoredObject } from "../../../../shared/api/object.ts";

export const NOW = new Date("2025-06-01T12:00:00Z");

/** ISO timestamp `secondsAgo` before NOW. */
export const ago = (secondsAgo: number) => new Date(NOW.getTime() - secondsAgo * 1000).toISOString();

export function stored(
  apiVersion: string,
  kind: string,
  name: string,
  rest: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): StoredObject {
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      resourceVersion: "7",
      creationTimestamp: ago(300),
      ...meta,
    },
    ...rest,
  };
}
