// All of kubun's protobuf tables, compiled once into a registry keyed "group.Message".
import { compileRegistry, type Registry } from "../schema.ts";
import { apps } from "./apps.ts";
import { authentication } from "./authentication.ts";
import { authorization } from "./authorization.ts";
import { autoscalingV1 } from "./autoscaling-v1.ts";
import { autoscalingV2 } from "./autoscaling-v2.ts";
import { batch } from "./batch.ts";
import { certificates } from "./certificates.ts";
import { coordination } from "./coordination.ts";
import { core } from "./core.ts";
import { coreContainer } from "./core-container.ts";
import { corePod } from "./core-pod.ts";
import { coreVolumes } from "./core-volumes.ts";
import { discovery } from "./discovery.ts";
import { meta } from "./meta.ts";
import { networking } from "./networking.ts";
import { policy } from "./policy.ts";
import { rbac } from "./rbac.ts";
import { scheduling } from "./scheduling.ts";

export const registry: Registry = compileRegistry({
  meta,
  core: { ...core, ...corePod, ...coreContainer, ...coreVolumes },
  apps,
  batch,
  policy,
  rbac,
  networking,
  authorization,
  authentication,
  certificates,
  coordination,
  discovery,
  autoscalingV1,
  autoscalingV2,
  scheduling,
});
