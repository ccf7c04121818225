// Resource amounts as the scheduler counts them: milli-CPU, bytes of memory and ephemeral storage,
// and extended resources by name. A pod's request follows upstream's PodRequests: the sum of its
// containers (restartable "sidecar" init containers included), at least the largest init
// container (plus the sidecars started before it), plus the pod overhead.
import type { Container, Node, Pod } from "kubernetes-types/core/v1";
import { tryParseQuantity } from "../../shared/quantity/index.ts";

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources ("example.com/gpu"), whole units. */
  scalar: Record<string, number>;
}

/** CPU and memory with upstream's defaults for containers that request nothing (for scoring). */
export interface NonZero {
  milliCPU: number;
  memory: number;
}

export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

export const emptyResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} });

const IGNORED = new Set(["cpu", "memory", "ephemeral-storage", "pods"]);

function amount(v: unknown, milli: boolean): number {
  const q = tryParseQuantity(v);
  if (!q) return 0;
  return Number(milli ? q.milliValue() : q.value());
}

/** Parse a ResourceList ({cpu: "500m", memory: "1Gi", …}). */
export function parseResourceList(list: Readonly<Record<string, unknown>> | undefined): Resources {
  const r = emptyResources();
  if (!list) return r;
  for (const [name, v] of Object.entries(list)) {
    if (name === "cpu") r.milliCPU = amount(v, true);
    else if (name === "memory") r.memory = amount(v, false);
    else if (name === "ephemeral-storage") r.ephemeralStorage = amount(v, false);
    else if (!IGNORED.has(name) && !name.startsWith("hugepages-")) r.scalar[name] = amount(v, false);
  }
  return r;
}

export function addInto(to: Resources, r: Resources, sign = 1) {
  to.milliCPU += sign * r.milliCPU;
  to.memory += sign * r.memory;
  to.ephemeralStorage += sign * r.ephemeralStorage;
  for (const [k, v] of Object.entries(r.scalar)) {
    const next = (to.scalar[k] ?? 0) + sign * v;
    if (next === 0) delete to.scalar[k];
    else to.scalar[k] = next;
  }
}

function maxInto(to: Resources, r: Resources) {
  to.milliCPU = Math.max(to.milliCPU, r.milliCPU);
  to.memory = Math.max(to.memory, r.memory);
  to.ephemeralStorage = Math.max(to.ephemeralStorage, r.ephemeralStorage);
  for (const [k, v] of Object.entries(r.scalar)) to.scalar[k] = Math.max(to.scalar[k] ?? 0, v);
}

const copy = (r: Resources): Resources => ({ ...r, scalar: { ...r.scalar } });

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = parseResourceList(c.resources?.requests);
  if (nonZero) {
    const req = c.resources?.requests ?? {};
    if (req.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU;
    if (req.memory === undefined) r.memory = DEFAULT_MEMORY;
  }
  return r;
}

function compute(pod: Pod, nonZero: boolean): Resources {
  const spec = pod.spec;
  const reqs = emptyResources();
  for (const c of spec?.containers ?? []) addInto(reqs, containerRequests(c, nonZero));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === "Always") {
      addInto(reqs, r);
      addInto(sidecars, r);
      maxInto(initMax, sidecars);
    } else {
      const during = copy(r);
      addInto(during, sidecars);
      maxInto(initMax, during);
    }
  }
  maxInto(reqs, initMax);
  if (spec?.overhead) addInto(reqs, parseResourceList(spec.overhead));
  return reqs;
}

const cache = new WeakMap<Pod, { requests: Resources; nonZero: NonZero }>();

/** A pod's requests (exact, and with defaults for scoring); memoized per (frozen) pod object. */
export function podResources(pod: Pod): { requests: Resources; nonZero: NonZero } {
  let v = cache.get(pod);
  if (!v) {
    const nz = compute(pod, true);
    v = { requests: compute(pod, false), nonZero: { milliCPU: nz.milliCPU, memory: nz.memory } };
    cache.set(pod, v);
  }
  return v;
}

/** A node's allocatable resources (falling back to capacity) and how many pods it takes. */
export function nodeAllocatable(node: Node): { allocatable: Resources; pods: number } {
  const list = node.status?.allocatable ?? node.status?.capacity;
  return { allocatable: parseResourceList(list), pods: amount(list?.pods ?? 0, false) };
}
