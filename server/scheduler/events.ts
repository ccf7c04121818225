// The event recorder moved to shared/controller/events.ts (the controllers use it too).
export { EventRecorder, eventsResource, type EventRecorderOptions } from "../../shared/controller/events.ts";
