// All of kubun's built-in schema data, compiled once into full-name → OpenAPI schema.
import { compileSchemas, type Schema } from "../dsl.ts";
import * as apiextensions from "./apiextensions.ts";
import * as apps from "./apps.ts";
import * as authentication from "./authentication.ts";
import * as autoscaling from "./autoscaling.ts";
import * as batch from "./batch.ts";
import * as core from "./core.ts";
import * as coreConfig from "./core-config.ts";
import * as coreContainer from "./core-container.ts";
import * as coreLegacyPv from "./core-legacy-pv.ts";
import * as coreLegacyVolumes from "./core-legacy-volumes.ts";
import * as coreNode from "./core-node.ts";
import * as corePod from "./core-pod.ts";
import * as coreProbe from "./core-probe.ts";
import * as coreScheduling from "./core-scheduling.ts";
import * as coreStorage from "./core-storage.ts";
import * as coreVolume from "./core-volume.ts";
import * as meta from "./meta.ts";
import * as networking from "./networking.ts";
import * as policy from "./policy.ts";
import * as rbac from "./rbac.ts";
import * as special from "./special.ts";

const modules = [
  meta, special, core, coreConfig, corePod, coreScheduling, coreContainer, coreProbe, coreVolume,
  coreLegacyVolumes, coreLegacyPv, coreStorage, coreNode, apps, batch, networking, policy, autoscaling,
  rbac, apiextensions, authentication,
];

let compiled: Map<string, Schema> | undefined;

/** Full schema name (e.g. io.k8s.api.apps.v1.Deployment) → schema; built on first use. */
export function builtinSchemas(): Map<string, Schema> {
  compiled ??= compileSchemas(modules.flatMap((m) => m.schemas));
  return compiled;
}
