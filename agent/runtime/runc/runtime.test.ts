import { describeRuntime } from "../runtime.case.ts";
import { runcHarness } from "./testing.ts";

describeRuntime("runc", () => runcHarness());
