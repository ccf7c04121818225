// The scheduler: binds pending pods to nodes (filters, scores, assumed pods, events).
export { startScheduler, type RunningScheduler, type SchedulerOptions } from "./scheduler.ts";
export { EventRecorder, type EventRecorderOptions } from "./events.ts";
export { defaultFilters } from "./filters/index.ts";
export { defaultScorers } from "./scores/index.ts";
export type { Filter, FilterResult, NamedFilter, Scorer } from "./types.ts";
