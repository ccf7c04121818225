// The controller runtime: informers, shared informers, the work queue and the runner.
export { ItemBackoff, type BackoffOptions } from "./backoff.ts";
export { FakeClock, realClock, sleep, type Clock } from "./clock.ts";
export { Controller, runController, type ControllerOptions, type ReconcileResult } from "./controller.ts";
export { Informer, onEveryChange, type InformerHandlers, type InformerOptions } from "./informer.ts";
export { SharedInformers, resourceId } from "./informers.ts";
export { deepFreeze, keyOf, splitKey } from "./keys.ts";
export { WorkQueue, type QueueOptions } from "./queue.ts";
export { servedTypes, typeForKind, type ResourceSource } from "./resources.ts";
export { removeFinalizer, targetOf, updateOwnerReferences } from "./meta-writes.ts";
export { EventRecorder, eventsResource, type EventRecorderOptions } from "./events.ts";
export { Reconciler, type LoopOptions, type ReconcilerOptions } from "./reconciler.ts";
