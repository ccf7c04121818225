// The simulated container runtime.
export { parseDuration } from "./duration.ts";
export { DEFAULT_TIMING, SIM_ANNOTATIONS, type SimTiming } from "./plan.ts";
export { repositoryOf, SIM_RUNTIME_VERSION, SimRuntime, type SimRuntimeOptions } from "./runtime.ts";
