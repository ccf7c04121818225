// Value checks for flags whose rules are more than "an IP" or "a CIDR". Each returns what
// is wrong with the value, or undefined when it is fine.

export function checkPort(v: string): string | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : "must be a port number from 1 to 65535";
}

export function checkOctalMode(v: string): string | undefined {
  return /^0?[0-7]{3}$/.test(v) ? undefined : 'must be an octal file mode such as "0644"';
}

export function checkServerUrl(v: string): string | undefined {
  try {
    const u = new URL(v);
    if (u.protocol === "https:" && u.hostname !== "") return undefined;
  } catch {
    // fall through
  }
  return "must be an https:// URL such as https://10.0.0.1:6443";
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

export function checkLabel(v: string): string | undefined {
  const eq = v.indexOf("=");
  if (eq < 0) return "must be KEY=VALUE";
  const key = v.slice(0, eq);
  const value = v.slice(eq + 1);
  if (!LABEL_KEY.test(key)) return `label key "${key}" is not a valid Kubernetes label key`;
  if (value.length > 63 || !LABEL_VALUE.test(value)) return `label value "${value}" is not a valid Kubernetes label value`;
  return undefined;
}

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

export function checkTaint(v: string): string | undefined {
  const colon = v.lastIndexOf(":");
  if (colon < 0) return "must be KEY[=VALUE]:EFFECT";
  const effect = v.slice(colon + 1);
  if (!EFFECTS.includes(effect)) return `taint effect "${effect}" must be one of ${EFFECTS.join(", ")}`;
  const kv = v.slice(0, colon);
  const eq = kv.indexOf("=");
  const key = eq < 0 ? kv : kv.slice(0, eq);
  const value = eq < 0 ? "" : kv.slice(eq + 1);
  if (!LABEL_KEY.test(key)) return `taint key "${key}" is not a valid key`;
  if (value.length > 63 || !LABEL_VALUE.test(value)) return `taint value "${value}" is not a valid value`;
  return undefined;
}

export function checkPositive(v: string): string | undefined {
  return /^\d+$/.test(v) && Number(v) >= 1 ? undefined : "must be a whole number of at least 1";
}

/** Go-style durations, as agent/runtime/sim/duration.ts reads them (not imported: that is agent code). */
export function checkDuration(v: string): string | undefined {
  return v === "0" || /^(\d+(\.\d+)?(ms|s|m|h))+$/.test(v) ? undefined : "must be a number with a unit, such as 200ms, 1s or 1m30s";
}
