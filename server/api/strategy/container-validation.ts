// Container validation: names, images, ports, env, probes, resources and volume mounts, with
// upstream's field paths (`spec.containers[0].ports[1].containerPort`) and messages.
import type { Container, ContainerPort, EnvVar, Probe, ResourceRequirements, VolumeMount } from "kubernetes-types/core/v1";
import { tryParseQuantity } from "../../../shared/quantity/index.ts";
import { isQualifiedName } from "../../../shared/selectors/syntax.ts";
import { cause, invalidEach, nonNegative, notFound, oneOf, required, type StatusCause } from "./causes.ts";
import { isConfigMapKey, isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum } from "./names.ts";

export const portProtocols = ["SCTP", "TCP", "UDP"];

export function validatePortNumOrName(port: unknown, field: string): StatusCause[] {
  if (typeof port === "number") return invalidEach(field, port, isValidPortNum(port));
  if (typeof port === "string") return invalidEach(field, port, isValidPortName(port));
  return [required(field)];
}

function validatePorts(ports: ContainerPort[] | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((p, i) => {
    const path = `${field}[${i}]`;
    if (p.name) {
      const errs = isValidPortName(p.name);
      if (errs.length) causes.push(...invalidEach(`${path}.name`, p.name, errs));
      else if (names.has(p.name)) causes.push(cause.duplicate(`${path}.name`, p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) causes.push(required(`${path}.containerPort`));
    else causes.push(...invalidEach(`${path}.containerPort`, p.containerPort, isValidPortNum(p.containerPort)));
    if (p.hostPort) causes.push(...invalidEach(`${path}.hostPort`, p.hostPort, isValidPortNum(p.hostPort)));
    causes.push(...oneOf(p.protocol, `${path}.protocol`, portProtocols));
  });
  return causes;
}

function validateEnv(env: EnvVar[] | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (env ?? []).forEach((e, i) => {
    const path = `${field}[${i}]`;
    if (!e.name) causes.push(required(`${path}.name`));
    else causes.push(...invalidEach(`${path}.name`, e.name, isEnvVarName(e.name)));
    const from = e.valueFrom;
    if (!from) return;
    const sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].filter((k) => k in from);
    if (e.value) causes.push(cause.invalid(`${path}.valueFrom`, "", "may not be specified when `value` is not empty"));
    if (sources.length === 0) causes.push(cause.invalid(`${path}.valueFrom`, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    if (sources.length > 1) causes.push(cause.invalid(`${path}.valueFrom`, "", "may not have more than one field specified at a time"));
    for (const k of ["configMapKeyRef", "secretKeyRef"] as const) {
      const ref = from[k];
      if (!ref) continue;
      if (!ref.key) causes.push(required(`${path}.valueFrom.${k}.key`));
      else causes.push(...invalidEach(`${path}.valueFrom.${k}.key`, ref.key, isConfigMapKey(ref.key)));
      if (!ref.name) causes.push(required(`${path}.valueFrom.${k}.name`));
    }
    if (from.fieldRef && !from.fieldRef.fieldPath) causes.push(required(`${path}.valueFrom.fieldRef.fieldPath`));
    if (from.resourceFieldRef && !from.resourceFieldRef.resource) causes.push(required(`${path}.valueFrom.resourceFieldRef.resource`));
  });
  return causes;
}

function validateProbe(p: Probe | undefined, field: string, mustSucceedOnce: boolean): StatusCause[] {
  if (!p) return [];
  const causes: StatusCause[] = [];
  const handlers = (["exec", "httpGet", "tcpSocket", "grpc"] as const).filter((k) => p[k]);
  if (handlers.length === 0) causes.push(required(field, "must specify a handler type"));
  if (handlers.length > 1) causes.push(cause.forbidden(field, "may not specify more than 1 handler type"));
  if (p.exec && !p.exec.command?.length) causes.push(required(`${field}.exec.command`));
  if (p.httpGet) {
    if (!p.httpGet.path) causes.push(required(`${field}.httpGet.path`));
    causes.push(...validatePortNumOrName(p.httpGet.port, `${field}.httpGet.port`));
    causes.push(...oneOf(p.httpGet.scheme, `${field}.httpGet.scheme`, ["HTTP", "HTTPS"]));
  }
  if (p.tcpSocket) causes.push(...validatePortNumOrName(p.tcpSocket.port, `${field}.tcpSocket.port`));
  if (p.grpc) causes.push(...invalidEach(`${field}.grpc.port`, p.grpc.port, isValidPortNum(p.grpc.port)));
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] as const) {
    causes.push(...nonNegative(p[k], `${field}.${k}`));
  }
  if (mustSucceedOnce && p.successThreshold !== undefined && p.successThreshold !== 1) {
    causes.push(cause.invalid(`${field}.successThreshold`, p.successThreshold, "must be 1"));
  }
  if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0) {
    causes.push(cause.invalid(`${field}.terminationGracePeriodSeconds`, p.terminationGracePeriodSeconds, "must be greater than 0"));
  }
  return causes;
}

const standardContainerResources = ["cpu", "memory", "ephemeral-storage"];
const isNative = (name: string) => !name.includes("/") || name.includes("kubernetes.io/");
/** Resources whose requests may be below their limits: native ones except huge pages. */
const overcommittable = (name: string) => isNative(name) && !name.startsWith("hugepages-");

function validateResourceName(name: string, field: string): StatusCause[] {
  if (!name.includes("/")) {
    if (standardContainerResources.includes(name) || name.startsWith("hugepages-")) return [];
    return [cause.invalid(field, name, "must be a standard resource type or fully qualified")];
  }
  return invalidEach(field, name, isQualifiedName(name));
}

export function validateResources(r: ResourceRequirements | undefined, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const parsed: Record<"limits" | "requests", Record<string, ReturnType<typeof tryParseQuantity>>> = { limits: {}, requests: {} };
  for (const kind of ["limits", "requests"] as const) {
    for (const [name, value] of Object.entries(r?.[kind] ?? {})) {
      const path = `${field}.${kind}[${name}]`;
      causes.push(...validateResourceName(name, path));
      const q = tryParseQuantity(value);
      if (!q) causes.push(cause.invalid(path, value, "must be a valid quantity, e.g. 100m, 1Gi or 2"));
      else if (q.sign() < 0) causes.push(cause.invalid(path, value, "must be greater than or equal to 0"));
      else if (!isNative(name) && !q.isInteger()) causes.push(cause.invalid(path, value, "must be an integer"));
      parsed[kind][name] = q;
    }
  }
  for (const [name, req] of Object.entries(parsed.requests)) {
    const lim = parsed.limits[name];
    if (!req || !lim) continue;
    if (!overcommittable(name) && req.cmp(lim) !== 0) {
      causes.push(cause.invalid(`${field}.requests`, req.toString(), `must be equal to ${name} limit of ${lim.toString()}`));
    } else if (req.cmp(lim) > 0) {
      causes.push(cause.invalid(`${field}.requests`, req.toString(), `must be less than or equal to ${name} limit of ${lim.toString()}`));
    }
  }
  return causes;
}

function validateMounts(mounts: VolumeMount[] | undefined, volumes: Set<string>, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const paths = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const path = `${field}[${i}]`;
    if (!m.name) causes.push(required(`${path}.name`));
    if (!volumes.has(m.name)) causes.push(notFound(`${path}.name`, m.name));
    if (!m.mountPath) causes.push(required(`${path}.mountPath`));
    else if (paths.has(m.mountPath)) causes.push(cause.invalid(`${path}.mountPath`, m.mountPath, "must be unique"));
    paths.add(m.mountPath);
    if (m.subPath && (m.subPath.startsWith("/") || m.subPath.split("/").includes(".."))) {
      causes.push(cause.invalid(`${path}.subPath`, m.subPath, "must be a relative path without '..'"));
    }
  });
  return causes;
}

export interface ContainerRules {
  /** Regular containers may not set restartPolicy; init containers may set "Always" (sidecars). */
  init: boolean;
}

/** One container (regular or init); uniqueness of names is checked by the caller. */
export function validateContainer(c: Container, volumes: Set<string>, field: string, rules: ContainerRules): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!c.name) causes.push(required(`${field}.name`));
  else causes.push(...invalidEach(`${field}.name`, c.name, isDNS1123Label(c.name)));
  if (!c.image) causes.push(required(`${field}.image`));
  else if (c.image !== c.image.trim()) causes.push(cause.invalid(`${field}.image`, c.image, "must not have leading or trailing whitespace"));
  causes.push(...oneOf(c.imagePullPolicy, `${field}.imagePullPolicy`, ["Always", "IfNotPresent", "Never"]));
  causes.push(...oneOf(c.terminationMessagePolicy, `${field}.terminationMessagePolicy`, ["File", "FallbackToLogsOnError"]));
  causes.push(...validatePorts(c.ports, `${field}.ports`));
  causes.push(...validateEnv(c.env, `${field}.env`));
  causes.push(...validateResources(c.resources, `${field}.resources`));
  causes.push(...validateMounts(c.volumeMounts, volumes, `${field}.volumeMounts`));
  const sidecar = rules.init && c.restartPolicy === "Always";
  if (rules.init && !sidecar) {
    for (const k of ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"] as const) {
      if (c[k]) causes.push(cause.forbidden(`${field}.${k}`, `may not be set for init containers without restartPolicy=Always`));
    }
  } else {
    causes.push(...validateProbe(c.livenessProbe, `${field}.livenessProbe`, true));
    causes.push(...validateProbe(c.readinessProbe, `${field}.readinessProbe`, false));
    causes.push(...validateProbe(c.startupProbe, `${field}.startupProbe`, true));
  }
  if (!rules.init && c.restartPolicy !== undefined) {
    causes.push(cause.forbidden(`${field}.restartPolicy`, "may not be set for non-init containers"));
  }
  if (rules.init && c.restartPolicy !== undefined && c.restartPolicy !== "Always") {
    causes.push(cause.notSupported(`${field}.restartPolicy`, c.restartPolicy, ["Always"]));
  }
  return causes;
}
