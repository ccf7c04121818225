// Timestamps as the API writes them: metav1.Time is RFC 3339 with seconds, MicroTime has six
// fractional digits ("2026-11-22T00:00:00.000000Z").

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
