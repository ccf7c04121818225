// Name and key syntaxes used in validation: object names by kind, ConfigMap/Secret keys, port
// names, environment variable names, IPs and CIDRs. Messages are upstream's.
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, maxLenError, regexError,
} from "../../../shared/selectors/syntax.ts";

export { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName };

/** Validates an object name; `prefix` means a generateName, which may end in "-". */
export type NameValidator = (name: string, prefix: boolean) => string[];

/** generateName prefixes may end in a dash: check them as if it were a letter. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith("-") ? name.slice(0, -2) + "a" : name;
}

export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** Names that end up in URL paths (RBAC objects): no "/", "%", "." or "..". */
export const pathSegmentName: NameValidator = (name, prefix) => {
  const errs: string[] = [];
  if (!prefix && (name === "." || name === "..")) errs.push(`may not be '${name}'`);
  for (const bad of ["/", "%"]) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

const configMapKeyRe = /^[-._a-zA-Z0-9]+$/;

/** ConfigMap and Secret data keys. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!configMapKeyRe.test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", "key.name", "KEY_NAME", "key-name"));
  }
  if (errs.length === 0) {
    if (value === ".") errs.push("must not be '.'");
    else if (value === "..") errs.push("must not be '..'");
    else if (value.startsWith("..")) errs.push("must not start with '..'");
  }
  return errs;
}

/** An IANA_SVC_NAME: ≤ 15 chars, [-a-z0-9], at least one letter, no "--", no edge dashes. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(port)) errs.push("must contain at least one letter (a-z)");
  if (port.includes("--")) errs.push("must not contain consecutive hyphens");
  if (port.length > 0 && (port.startsWith("-") || port.endsWith("-"))) errs.push("must not begin or end with a hyphen");
  return errs;
}

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
}

/** Relaxed rule (default since 1.32): printable ASCII other than "=". */
export function isEnvVarName(value: string): string[] {
  if (value.length === 0) return ["environment variable name must be non-empty"];
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c > 126 || c < 32 || ch === "=") {
      return ["a valid environment variable name must consist only of printable ASCII characters other than '='"];
    }
  }
  return [];
}

export function isIPv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(":")) return false;
  let head = s;
  let groups = 8;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    if (!isIPv4(s.slice(lastColon + 1))) return false;
    head = s.slice(0, lastColon + 1) + "0";
    groups = 7;
  }
  const halves = head.split("::");
  if (halves.length > 2) return false;
  const count = (h: string) => (h === "" ? 0 : h.split(":").length);
  const okGroups = (h: string) => h === "" || h.split(":").every((g) => /^[0-9a-fA-F]{1,4}$/.test(g));
  if (!halves.every(okGroups)) return false;
  const n = halves.reduce((a, h) => a + count(h), 0);
  return halves.length === 2 ? n < groups : n === groups;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

export function isCIDR(s: string): boolean {
  const [ip, bits, ...rest] = s.split("/");
  if (rest.length || bits === undefined || !/^[0-9]{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  return isIPv4(ip) ? n <= 32 : isIPv6(ip) ? n <= 128 : false;
}

/** "example.com/path": an IngressClass controller, a CSI provisioner name and the like. */
export function isDomainPrefixedPath(value: string): string[] {
  const slash = value.indexOf("/");
  if (slash < 0) return ['must be a domain-prefixed path (such as "acme.io/foo")'];
  const host = value.slice(0, slash);
  const errs = isDNS1123Subdomain(host);
  const path = value.slice(slash + 1);
  if (path && !/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path)) {
    errs.push(regexError("segment of the path must be valid", "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+"));
  }
  return errs;
}
