// discovery.k8s.io/v1: EndpointSlice (k8s.io/api discovery/v1/generated.proto). "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const discovery: GroupSpec = {
  EndpointSlice: {
    1: ["metadata", "meta.ObjectMeta"],
    4: ["addressType", "string", "req"],
    2: ["endpoints", "[]Endpoint"],
    3: ["ports", "[]EndpointPort"],
  },
  Endpoint: {
    1: ["addresses", "[]string"],
    2: ["conditions", "EndpointConditions"],
    3: ["hostname", "string", "ptr"],
    4: ["targetRef", "core.ObjectReference"],
    5: ["deprecatedTopology", "map[string]string"],
    6: ["nodeName", "string", "ptr"],
    7: ["zone", "string", "ptr"],
    8: ["hints", "EndpointHints"],
  },
  EndpointConditions: {
    1: ["ready", "bool", "ptr"],
    2: ["serving", "bool", "ptr"],
    3: ["terminating", "bool", "ptr"],
  },
  EndpointHints: {
    1: ["forZones", "[]ForZone"],
    2: ["forNodes", "[]ForNode"],
  },
  ForZone: {
    1: ["name", "string", "req"],
  },
  ForNode: {
    1: ["name", "string", "req"],
  },
  EndpointPort: {
    1: ["name", "string", "ptr"],
    2: ["protocol", "string", "ptr"],
    3: ["port", "int32", "ptr"],
    4: ["appProtocol", "string", "ptr"],
  },
};
