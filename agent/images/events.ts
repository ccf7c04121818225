// Messages of the kubelet's image events (reason Pulling, Pulled, Failed, ErrImageNeverPull),
// worded as upstream writes them.
import { errorText } from "./errors.ts";

/** Go's time.Duration String() of a millisecond-truncated duration: "523ms", "1.2s", "1m3.004s". */
export function goDuration(ms: number): string {
  ms = Math.max(0, Math.floor(ms));
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, "");
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}

export function pullingMessage(image: string): string {
  return `Pulling image "${image}"`;
}

export function pulledMessage(image: string, r: { durationMs: number; totalMs: number; size: number }): string {
  return `Successfully pulled image "${image}" in ${goDuration(r.durationMs)} (${goDuration(r.totalMs)} including waiting). Image size: ${r.size} bytes.`;
}

export function alreadyPresentMessage(image: string): string {
  return `Container image "${image}" already present on machine`;
}

export function failedPullMessage(image: string, err: unknown): string {
  return `Failed to pull image "${image}": ${errorText(err)}`;
}
